import type { Env, Scope } from '../common/scope/scope';
import type { RouteProblem } from './policy/route-problem';
import { resolveIndexed, resolveLookup, type Resolution, type RouteLookup } from './resolution';
import type { ScopeFreeze } from './moves/move.types';
import { RouteIndex } from './route-index';
import { routeKeyId, type Route, type RouteKey } from './route.types';

/** A live change that the policy refused; the previous route (if any) stays in force. */
export interface RejectedRoute {
  registry_version: number;
  problems: RouteProblem[];
}

/** A route in force that an applied change replaced, added or removed. */
export interface AppliedChange {
  key: RouteKey;
  /** The route in force before (undefined: none). */
  before: Route | undefined;
  /** The route in force now (undefined: deleted). */
  after: Route | undefined;
}

/** What a snapshot that was advanced from keeps: the routes it had where the next one differs. */
interface Retired {
  next: RegistrySnapshot;
  /** routeKeyId → the route this snapshot had (null: none), for the keys the next one changed. */
  before: Map<string, Route | null>;
}

/**
 * The routes this instance serves from: those of its own env that passed the policy, at one
 * registry version. Immutable to its readers; resolution is at most three nested-map lookups
 * (no store round trip, no string building).
 *
 * A registry change does not rebuild it: {@link advance} updates the index in place for the
 * changed routes only and hands it to the next snapshot; this one keeps the routes it had at
 * the changed keys and answers through the next one otherwise (a reverse delta). So the
 * current snapshot reads its index directly, and an older one (e.g. `previous` given to
 * `onApplied` listeners) still answers as of its own version, a little slower the older it is.
 */
export class RegistrySnapshot implements RouteLookup {
  private index: RouteIndex;
  private retired: Retired | null = null;
  /** Freezes of this env by kind (empty for almost every snapshot). */
  private readonly freezesByKind = new Map<string, ScopeFreeze[]>();

  constructor(
    readonly env: Env,
    readonly version: number,
    routes: Iterable<Route> | RouteIndex,
    readonly appliedAt: Date,
    readonly rejected: RejectedRoute[] = [],
    readonly freezes: readonly ScopeFreeze[] = [],
  ) {
    this.index = routes instanceof RouteIndex ? routes : RouteIndex.of(env, routes);
    for (const freeze of freezes) {
      if (freeze.env !== env) continue;
      const list = this.freezesByKind.get(freeze.resource_kind) ?? [];
      list.push(freeze);
      this.freezesByKind.set(freeze.resource_kind, list);
    }
  }

  static empty(env: Env): RegistrySnapshot {
    return new RegistrySnapshot(env, -1, [], new Date(0));
  }

  /** Number of routes in force. */
  get size(): number {
    return this.retired === null ? this.index.size : this.routes().length;
  }

  /**
   * The next snapshot: this one with `changes` applied (each key to its `after` route, or
   * removed), in O(changes). Only the latest snapshot can advance (an older one no longer
   * owns the index).
   */
  advance(
    version: number,
    changes: readonly AppliedChange[],
    appliedAt: Date,
    rejected: RejectedRoute[],
    freezes: readonly ScopeFreeze[],
  ): RegistrySnapshot {
    if (this.retired !== null)
      throw new Error(
        `registry snapshot ${this.version} was already advanced to ${this.retired.next.version}; advance the latest snapshot`,
      );
    const before = new Map<string, Route | null>();
    for (const { key, after } of changes) {
      const id = routeKeyId(key);
      const was = after === undefined ? this.index.delete(key) : this.index.set(after);
      if (!before.has(id)) before.set(id, was ?? null);
    }
    const next = new RegistrySnapshot(this.env, version, this.index, appliedAt, rejected, freezes);
    this.retired = { next, before };
    return next;
  }

  resolve(kind: string, scope: Scope): Resolution {
    return this.retired === null
      ? resolveIndexed(this.index, kind, scope)
      : resolveLookup(this, kind, scope);
  }

  /** The route in force at exactly `key`, if any. */
  route(key: RouteKey): Route | undefined {
    return this.find(key.resource_kind, key.tenant_id, key.env, key.project_id);
  }

  /** The route in force for an exact key id (`routeKeyId`), if any. */
  get(keyId: string): Route | undefined {
    const [kind = '', tenant = '', env = '', project = '*'] = keyId.split('|');
    return this.find(kind, tenant, env as Env, project === '*' ? null : project);
  }

  /** {@link RouteLookup}: the route at exactly (kind, tenant, env, project) in this snapshot. */
  find(kind: string, tenantId: string, env: Env, projectId: string | null): Route | undefined {
    if (env !== this.env) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let at: RegistrySnapshot = this;
    let id: string | null = null;
    while (at.retired !== null) {
      id ??= routeKeyId({ resource_kind: kind, tenant_id: tenantId, env, project_id: projectId });
      const was = at.retired.before.get(id);
      if (was !== undefined) return was ?? undefined;
      at = at.retired.next;
    }
    return at.index.find(kind, tenantId, env, projectId);
  }

  /**
   * The freeze that holds writes of `kind` at `scope`, or null. A project-level freeze holds
   * its project; a tenant-wide one holds the tenant-level records and every project of the
   * tenant without a route of its own for the kind (the scopes the tenant-wide route serves).
   * A freeze whose lease has expired holds nothing (its runner is gone; see `MoveSupervisor`).
   */
  frozenFor(kind: string, scope: Scope, now = Date.now()): ScopeFreeze | null {
    const freezes = this.freezesByKind.get(kind);
    if (freezes === undefined) return null;
    for (const freeze of freezes) {
      if (
        freeze.tenant_id !== scope.tenantId ||
        freeze.env !== scope.env ||
        Date.parse(freeze.lease_expires_at) <= now
      )
        continue;
      if (freeze.project_id !== null) {
        if (freeze.project_id === scope.projectId) return freeze;
        continue;
      }
      const ownRoute =
        scope.projectId !== null &&
        this.find(kind, scope.tenantId, scope.env, scope.projectId) !== undefined;
      if (!ownRoute) return freeze;
    }
    return null;
  }

  /** The routes in force of one kind (not for request paths). */
  routesOf(kind: string): Route[] {
    return this.retired === null
      ? [...this.index.valuesOf(kind)]
      : this.routes().filter((r) => r.resource_kind === kind);
  }

  /** Every route in force (O(routes); not for request paths). */
  routes(): Route[] {
    if (this.retired === null) return [...this.index.values()];
    // Walk to the latest snapshot; the first snapshot on the way that changed a key had it.
    const had = new Map<string, Route | null>();
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let at: RegistrySnapshot = this;
    while (at.retired !== null) {
      for (const [id, route] of at.retired.before) if (!had.has(id)) had.set(id, route);
      at = at.retired.next;
    }
    const out: Route[] = [];
    for (const route of at.index.values()) if (!had.has(routeKeyId(route))) out.push(route);
    for (const route of had.values()) if (route !== null) out.push(route);
    return out;
  }
}
