import { Injectable } from '@nestjs/common';
import { Scope, SYSTEM_TENANT } from '../../common/scope/scope';
import type { BackendType } from '../../backends/backend-type';
import { adapterKey, AdapterCache } from '../adapter-cache';
import { BackendUnreachableError } from '../admin/routing-admin.errors';
import { BackendProbe } from '../backend-probe';
import { KindCatalog } from '../kind-catalog';
import { RegistrySnapshot } from '../registry-snapshot';
import {
  describeRouteKey,
  routeKeyId,
  type BackendConfig,
  type RouteInput,
  type RouteKey,
} from '../route.types';
import { RouteValidator } from '../route-validator';
import { PolicyViolationError } from '../routing.errors';
import { RegistryStore } from '../store/registry-store';
import { firstRecord, measureScope } from './move-copier';
import { holdEndpoints, routeFor, type MoveEndpoints } from './move-endpoints';
import { scopesCovered } from './move-scopes';
import { isFinalMoveState, moveKey, type MoveRecord } from './move.types';
import { MoveRefusedError } from './moves.errors';

/** What `POST /routing/moves` asks for. */
export interface MoveRequest extends RouteKey {
  backend_type: BackendType;
  config: BackendConfig;
  reason: string;
  actor: string;
}

/** A dry run: what would move, from where to where. */
export interface MovePlan extends RouteKey {
  source: { backend_type: BackendType; config: BackendConfig; route_scope: string };
  target: { backend_type: BackendType; config: BackendConfig };
  scopes: { scope: string; records: number; bytes: number }[];
  records: number;
  bytes: number;
}

/** The route key of a request (project null for tenant-wide). */
export function moveKeyOf(request: RouteKey): RouteKey {
  return {
    resource_kind: request.resource_kind,
    tenant_id: request.tenant_id,
    env: request.env,
    project_id: request.project_id ?? null,
  };
}
/** Moves read per page when looking for ones in progress. */
const ACTIVE_SCAN = 200;

/**
 * The checks a move must pass before anything is frozen: the target route passes the policy
 * like any write, its backend answers a probe, something serves the scopes today (the
 * source), the target is another backend, no other move of the kind and tenant is running,
 * and the target holds nothing of the kind at the scopes that move.
 */
@Injectable()
export class MovePlanner {
  constructor(
    private readonly store: RegistryStore,
    private readonly validator: RouteValidator,
    private readonly probe: BackendProbe,
    private readonly cache: AdapterCache,
    private readonly catalog: KindCatalog,
  ) {}

  /** Checks a move and, with `measure`, counts what it would copy; nothing is written. */
  async plan(request: MoveRequest, measure: boolean): Promise<MovePlan> {
    const key = moveKeyOf(request);
    if (key.tenant_id === SYSTEM_TENANT)
      throw new MoveRefusedError(
        key,
        `${SYSTEM_TENANT} holds the deployment defaults of every tenant; move tenants one at a time (each gets its own route).`,
      );
    const routes = (await this.store.load()).routes.filter((r) => r.env === key.env);
    const existing = routes.find((r) => routeKeyId(r) === routeKeyId(key));
    const target: RouteInput = {
      ...key,
      backend_type: request.backend_type,
      config: request.config,
      required: existing?.required ?? false,
      rationale: request.reason,
    };
    const problems = this.validator.validate(target);
    if (problems.length > 0) throw new PolicyViolationError(problems);
    const snapshot = new RegistrySnapshot(key.env, 0, routes, new Date());
    const resolution = snapshot.resolve(
      key.resource_kind,
      Scope.of(key.tenant_id, key.env, key.project_id),
    );
    const source = resolution.route;
    if (source === null)
      throw new MoveRefusedError(
        key,
        `no route serves it today (tried ${resolution.tried.join(', ')}), so there is no data to move: write the route with PUT /routing/routes.`,
      );
    if (
      adapterKey(key.resource_kind, source.backend_type, source.config) ===
      adapterKey(key.resource_kind, target.backend_type, target.config)
    )
      throw new MoveRefusedError(
        key,
        `it is already served by this ${target.backend_type} backend and config.`,
      );
    await this.refuseOverlap(key);
    const reason = await this.probe.probe(target);
    if (reason !== null) throw new BackendUnreachableError(target, target.backend_type, reason);
    const endpoints = this.hold(
      key,
      { ...source, route_scope: resolution.matched_scope ?? '' },
      target,
    );
    try {
      const scopes = await scopesCovered(key, endpoints.source, routes);
      for (const scope of scopes) {
        const found = await firstRecord(endpoints.target, scope);
        if (found !== null)
          throw new MoveRefusedError(
            key,
            `the target already holds ${key.resource_kind} records at ${scope.toString()} (for example ${found.collection}/${found.id}); move to an empty backend, collection prefix or bucket prefix.`,
            { scope: scope.toString() },
          );
      }
      const measured = await Promise.all(
        scopes.map(async (scope) => ({
          scope: scope.toString(),
          ...(measure ? await measureScope(endpoints.source, scope) : { records: 0, bytes: 0 }),
        })),
      );
      return {
        ...key,
        source: {
          backend_type: source.backend_type,
          config: source.config,
          route_scope: resolution.matched_scope ?? '',
        },
        target: { backend_type: target.backend_type, config: target.config },
        scopes: measured,
        records: measured.reduce((n, s) => n + s.records, 0),
        bytes: measured.reduce((n, s) => n + s.bytes, 0),
      };
    } finally {
      endpoints.release();
    }
  }

  private async refuseOverlap(key: RouteKey): Promise<void> {
    const active = (await this.store.listMoves({ limit: ACTIVE_SCAN })).filter(
      (m) =>
        !isFinalMoveState(m.state) &&
        m.resource_kind === key.resource_kind &&
        m.tenant_id === key.tenant_id &&
        m.env === key.env,
    );
    const clash = active.find(
      (m) => m.project_id === null || key.project_id === null || m.project_id === key.project_id,
    );
    if (clash !== undefined)
      throw new MoveRefusedError(
        key,
        `move ${clash.id} of ${describeRouteKey(moveKey(clash))} is ${clash.state}; wait for it to end or abort it (POST /routing/moves/${clash.id}/abort).`,
        { move_id: clash.id },
      );
  }

  /** The source and target adapters of a move, held until released. */
  hold(
    key: RouteKey,
    source: MoveRecord['source'] | MovePlan['source'],
    target: MovePlan['target'],
  ): MoveEndpoints {
    return holdEndpoints(
      this.cache,
      this.catalog,
      key,
      routeFor(key, source),
      routeFor(key, target),
    );
  }
}
