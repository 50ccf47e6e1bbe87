import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { newSortableId } from '../../common/ids/sortable-id';
import { Scope, SYSTEM_TENANT } from '../../common/scope/scope';
import type { BackendType } from '../../backends/backend-type';
import { registryConfig } from '../../config/registry.config';
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
import { MoveRunner } from './move-runner';
import { scopesCovered } from './move-scopes';
import { isFinalMoveState, moveKey, parseMoveScope, type MoveRecord } from './move.types';
import {
  MoveChangedError,
  MoveNotFoundError,
  MoveRefusedError,
  MoveStateError,
} from './moves.errors';

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

/** Moves read per page when looking for ones in progress. */
const ACTIVE_SCAN = 200;

/**
 * Plans, starts and reports moves (the admin API and the CLI). The checks a move must pass
 * before anything is frozen: the target route passes the policy like any write, its backend
 * answers a probe, something serves the scopes today (the source), the target is another
 * backend, no other move of the kind and tenant is running, and the target holds nothing of
 * the kind at the scopes that move.
 */
@Injectable()
export class MovesService {
  constructor(
    private readonly store: RegistryStore,
    private readonly validator: RouteValidator,
    private readonly probe: BackendProbe,
    private readonly cache: AdapterCache,
    private readonly catalog: KindCatalog,
    private readonly runner: MoveRunner,
    @Inject(registryConfig.KEY) private readonly settings: ConfigType<typeof registryConfig>,
  ) {}

  /** Checks a move and counts what it would copy; nothing is written or frozen. */
  async plan(request: MoveRequest): Promise<MovePlan> {
    const { plan } = await this.prepare(request, true);
    return plan;
  }

  /** Checks a move, stores it and starts it on this instance (it runs in the background). */
  async start(request: MoveRequest): Promise<MoveRecord> {
    const { plan } = await this.prepare(request, false);
    const move: MoveRecord = {
      id: `mv_${newSortableId()}`,
      ...moveKeyOf(request),
      target: plan.target,
      source: plan.source,
      reason: request.reason,
      actor: request.actor,
      state: 'planned',
      scopes: plan.scopes.map((s) => ({ ...s, copied: 0, verified: 0 })),
      records_copied: 0,
      bytes_copied: 0,
      created_at: new Date().toISOString(),
      started_at: null,
      frozen_at: null,
      switched_at: null,
      finished_at: null,
      error: null,
      abort_requested: false,
      frozen: false,
      lease_owner: this.runner.owner,
      lease_expires_at: new Date(Date.now() + this.settings.moveLeaseMs).toISOString(),
      registry_version: null,
      source_deleted_at: null,
      revision: 1,
    };
    await this.store.createMove(move);
    void this.runner.start(move).catch(() => undefined);
    return move;
  }

  async get(id: string): Promise<MoveRecord> {
    const move = await this.store.getMove(id);
    if (move === null) throw new MoveNotFoundError(id);
    return move;
  }

  list(filter: { before?: string; limit: number }): Promise<MoveRecord[]> {
    return this.store.listMoves(filter);
  }

  /**
   * Asks the runner to stop: it unfreezes with the route unchanged and removes its partial
   * copy. A move whose runner is gone (lease lapsed) is ended here.
   */
  async abort(id: string, actor: string): Promise<MoveRecord> {
    for (;;) {
      const move = await this.get(id);
      if (isFinalMoveState(move.state) || move.state === 'switched')
        throw new MoveStateError(
          id,
          move.state,
          'only a move that has not switched yet can be aborted.',
        );
      const orphaned = Date.parse(move.lease_expires_at ?? '') <= Date.now();
      const change: Partial<MoveRecord> = orphaned
        ? {
            state: 'aborted',
            frozen: false,
            finished_at: new Date().toISOString(),
            error: `aborted by ${actor}; the route is unchanged`,
          }
        : { abort_requested: true };
      try {
        await this.store.updateMove({ ...move, ...change });
        return await this.waitForEnd(id);
      } catch (err) {
        if (!(err instanceof MoveChangedError)) throw err;
      }
    }
  }

  /**
   * Deletes the source copy of a finished move, once no route serves any of its scopes from
   * the source backend any more (a rollback would have pointed them back at it).
   */
  async deleteSource(id: string): Promise<MoveRecord> {
    const move = await this.get(id);
    if (move.state !== 'done')
      throw new MoveStateError(
        id,
        move.state,
        'the source can be deleted only after the move is done.',
      );
    if (move.source_deleted_at !== null) return move;
    const key = moveKey(move);
    const snapshot = new RegistrySnapshot(
      move.env,
      0,
      (await this.store.load()).routes.filter((r) => r.env === move.env),
      new Date(),
    );
    const sourceKey = adapterKey(move.resource_kind, move.source.backend_type, move.source.config);
    for (const s of move.scopes) {
      const served = snapshot.resolve(move.resource_kind, parseMoveScope(s.scope)).route;
      if (
        served !== null &&
        adapterKey(served.resource_kind, served.backend_type, served.config) === sourceKey
      )
        throw new MoveRefusedError(
          key,
          `the route for ${s.scope} points at the source backend again; delete its data only when no route uses it.`,
          { move_id: id },
        );
    }
    const endpoints = this.hold(key, move.source, move.target);
    try {
      for (const s of move.scopes) await endpoints.source.deleteScope(parseMoveScope(s.scope));
    } finally {
      endpoints.release();
    }
    const updated = await this.store.updateMove({
      ...move,
      source_deleted_at: new Date().toISOString(),
    });
    return updated;
  }

  private async waitForEnd(id: string, ms = 10_000): Promise<MoveRecord> {
    const until = Date.now() + ms;
    for (;;) {
      const move = await this.get(id);
      if (isFinalMoveState(move.state) || Date.now() > until) return move;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private hold(
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

  private async prepare(request: MoveRequest, measure: boolean): Promise<{ plan: MovePlan }> {
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
        plan: {
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
        },
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
}

function moveKeyOf(request: RouteKey): RouteKey {
  return {
    resource_kind: request.resource_kind,
    tenant_id: request.tenant_id,
    env: request.env,
    project_id: request.project_id ?? null,
  };
}
