import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ValidationFailedError } from '../../common/errors/domain.error';
import { Scope, type Env } from '../../common/scope/scope';
import { registryConfig } from '../../config/registry.config';
import { KindCatalog } from '../kind-catalog';
import { parseRouteInput } from '../policy/route-input.parser';
import { routeProblem, type RouteProblem } from '../policy/route-problem';
import { routeKeyId, type Route, type RouteInput, type RouteKey } from '../route.types';
import { RouteValidator } from '../route-validator';
import { RoutingMetrics } from '../routing-metrics';
import { RoutingRegistry } from '../routing-registry';
import { PolicyViolationError } from '../routing.errors';
import { RegistryStore, type IdempotentWrite, type WriteOptions } from '../store/registry-store';
import { BackendProbe } from '../backend-probe';
import {
  applyChanges,
  coverageOf,
  movesBetween,
  type CoverageEntry,
  type Move,
  type RegistryChange,
} from './registry-planner';
import {
  BackendUnreachableError,
  ProbeRequiredError,
  RevisionNotFoundError,
  WouldBreakCoverageError,
} from './routing-admin.errors';

/** Who writes and how. */
export interface AdminWrite {
  actor: string;
  reason?: string;
  expectedVersion?: number;
  probe: boolean;
  /** `Idempotency-Key` of the request: a retry answers the first outcome. */
  idempotency?: IdempotentWrite;
  /** A move's switch: written only while the move's lease holds (see `WriteOptions`). */
  moveLease?: WriteOptions['moveLease'];
}

/** The outcome of a dry run. */
export interface Plan {
  problems: RouteProblem[];
  moves: Move[];
  /** Tenants whose requests would be served by another backend. */
  tenants: string[];
  coverage_problems: RouteProblem[];
}

/**
 * Registry writes and reads for the admin API and the CLI. Every write goes through the one
 * validator, probes the target backend, and waits until this instance applied it.
 */
@Injectable()
export class RoutingAdminService {
  constructor(
    private readonly store: RegistryStore,
    private readonly registry: RoutingRegistry,
    private readonly validator: RouteValidator,
    private readonly catalog: KindCatalog,
    private readonly probe: BackendProbe,
    @Inject(registryConfig.KEY)
    private readonly registrySettings: ConfigType<typeof registryConfig>,
    private readonly metrics: RoutingMetrics,
  ) {}

  /** Shape check of a route written by a person; `400 validation.failed`-style problems become 422. */
  parse(raw: unknown): RouteInput {
    const parsed = parseRouteInput(raw, 'route');
    if (parsed.route === null) throw new PolicyViolationError(parsed.problems);
    return parsed.route;
  }

  async put(input: RouteInput, write: AdminWrite): Promise<Route> {
    const problems = this.validator.validate(input);
    if (problems.length > 0) {
      this.metrics.policyRejections.inc({ source: 'write' });
      throw new PolicyViolationError(problems);
    }
    await this.probeIfAsked(input, write.probe);
    const route = await this.store.put(input, {
      actor: write.actor,
      reason: write.reason ?? input.rationale,
      expectedVersion: write.expectedVersion,
      idempotency: write.idempotency,
      moveLease: write.moveLease,
    });
    await this.settle();
    return route;
  }

  async delete(key: RouteKey, write: AdminWrite & { force: boolean }): Promise<Route> {
    if (!write.force) {
      const routes = (await this.store.load()).routes;
      const broken = this.coverageProblems(
        applyChanges(routes, [{ op: 'delete', key }]),
        key.env,
      ).filter(
        (p) =>
          !this.coverageProblems(routes, key.env).some(
            (q) => q.resource_kind === p.resource_kind && q.scope === p.scope,
          ),
      );
      if (broken.length > 0) throw new WouldBreakCoverageError(key, broken);
    }
    const deleted = await this.store.delete(key, {
      actor: write.actor,
      reason: write.reason,
      expectedVersion: write.expectedVersion,
      idempotency: write.idempotency,
    });
    await this.settle();
    return deleted;
  }

  /** Writes a new revision equal to the route as it was after `registryVersion`. */
  async rollback(
    registryVersion: number,
    write: AdminWrite,
  ): Promise<{ action: 'put' | 'delete'; route: Route }> {
    const revision = await this.store.revision(registryVersion);
    if (revision === null) throw new RevisionNotFoundError(registryVersion);
    const reason = write.reason ?? `rollback to registry version ${registryVersion}`;
    if (revision.after === null) {
      return {
        action: 'delete',
        route: await this.delete(revision, {
          ...write,
          reason,
          expectedVersion: undefined,
          force: true,
        }),
      };
    }
    const { version: _v, updated_at: _a, updated_by: _b, ...input } = revision.after;
    return {
      action: 'put',
      route: await this.put(input, { ...write, reason, expectedVersion: undefined }),
    };
  }

  /** One change of a plan body: `{ op: 'put', route }` or `{ op: 'delete', key }`. */
  parseChange(raw: Record<string, unknown>, i: number): RegistryChange {
    if (raw.op === 'delete')
      return { op: 'delete', key: this.parse({ ...(raw.key as object), backend_type: 'memory' }) };
    if (raw.op === 'put') return { op: 'put', route: this.parse(raw.route) };
    throw new ValidationFailedError([
      { field: `changes[${i}].op`, problems: ['op must be "put" or "delete"'] },
    ]);
  }

  /** Dry run of a batch of changes: nothing is written. */
  async plan(changes: RegistryChange[]): Promise<Plan> {
    const before = (await this.store.load()).routes;
    const after = applyChanges(before, changes);
    const problems = changes.flatMap((c) =>
      c.op === 'put'
        ? this.validator.validate(c.route)
        : before.some((r) => routeKeyId(r) === routeKeyId(c.key))
          ? []
          : [routeProblem(c.key, 'no such route to delete')],
    );
    const envs = [...new Set(changes.map((c) => (c.op === 'put' ? c.route.env : c.key.env)))];
    const kinds = [
      ...new Set([
        ...this.catalog.list().map((k) => k.kind),
        ...changes.map((c) => (c.op === 'put' ? c.route : c.key).resource_kind),
      ]),
    ];
    const moves = movesBetween(before, after, kinds, envs, (env) => this.requiredScopes(env));
    const coverage = envs.flatMap((env) => this.coverageProblems(after, env));
    return {
      problems,
      moves,
      tenants: [...new Set(moves.map((m) => m.tenant_id))].sort(),
      coverage_problems: coverage,
    };
  }

  async coverage(env: Env): Promise<CoverageEntry[]> {
    return coverageOf(
      (await this.store.load()).routes,
      this.catalog.list(),
      env,
      this.requiredScopes(env),
      (r) => this.validator.validate(r),
    );
  }

  /** The deployment's required scopes, transposed to `env`. */
  requiredScopes(env: Env): Scope[] {
    return this.registrySettings.requiredScopes.map((s) => Scope.of(s.tenantId, env, s.projectId));
  }

  private coverageProblems(routes: Route[], env: Env): RouteProblem[] {
    return coverageOf(routes, this.catalog.list(), env, this.requiredScopes(env), (r) =>
      this.validator.validate(r),
    )
      .filter(
        (e) =>
          e.status === 'missing' && this.requiredScopes(env).some((s) => s.toString() === e.scope),
      )
      .map((e) => ({
        resource_kind: e.resource_kind,
        scope: e.scope,
        message: e.problems.join('; '),
      }));
  }

  private async probeIfAsked(route: RouteInput, probe: boolean): Promise<void> {
    if (!probe) {
      if (this.registrySettings.env !== 'dev' && this.registrySettings.env !== 'test')
        throw new ProbeRequiredError(this.registrySettings.env);
      return;
    }
    const reason = await this.probe.probe(route);
    if (reason !== null) throw new BackendUnreachableError(route, route.backend_type, reason);
  }

  /** Read-your-writes on this instance: wait (bounded) until the write is applied here. */
  private async settle(): Promise<void> {
    if (!this.registry.running) return;
    await this.registry.waitForVersion(await this.store.version()).catch(() => undefined);
  }
}
