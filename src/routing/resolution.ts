import { SYSTEM_TENANT, type Scope } from '../common/scope/scope';
import type { RouteIndex, RouteLookup } from './route-index';

export type { RouteLookup } from './route-index';
import { routeKeyId, type Route } from './route.types';

/** The outcome of resolving a kind at a scope: which route applies and every scope tried. */
export interface Resolution {
  route: Route | null;
  /** `t_acme/prod/*` of the route that matched, or null on a miss. */
  matched_scope: string | null;
  /** Every scope looked at, most specific first. */
  tried: string[];
}

/**
 * Scopes to try for a scope, most specific first:
 * `(tenant, env, project)` → `(tenant, env, *)` → `(t_system, env, *)`. Never another env.
 */
export function candidateScopes(scope: Scope): Scope[] {
  const out: Scope[] = [scope];
  if (scope.projectId !== null) out.push(scope.tenantWide());
  if (scope.tenantId !== SYSTEM_TENANT) out.push(scope.system());
  return out;
}

/**
 * A resolution whose scope strings are built only when read: the request path reads `route`
 * (and `matched_scope` once per request and kind), `tried` only on a miss. `toJSON` gives
 * the plain {@link Resolution} shape.
 */
class LazyResolution implements Resolution {
  constructor(
    readonly route: Route | null,
    private readonly scope: Scope,
    /** Index in {@link candidateScopes} of the scope that matched; -1 on a miss. */
    private readonly at: number,
  ) {}

  get matched_scope(): string | null {
    return this.at < 0 ? null : (candidateScopes(this.scope)[this.at] as Scope).toString();
  }

  get tried(): string[] {
    const all = candidateScopes(this.scope).map((s) => s.toString());
    return this.at < 0 ? all : all.slice(0, this.at + 1);
  }

  toJSON(): Resolution {
    return { route: this.route, matched_scope: this.matched_scope, tried: this.tried };
  }
}

/**
 * Resolves `kind` at `scope` on a {@link RouteIndex}: at most three nested-map lookups, no
 * key or scope string built (see {@link LazyResolution}). A scope of another env misses.
 */
export function resolveIndexed(index: RouteIndex, kind: string, scope: Scope): Resolution {
  const tenants = scope.env === index.env ? index.tenantsOf(kind) : undefined;
  if (tenants === undefined) return new LazyResolution(null, scope, -1);
  const project = scope.projectId;
  const own = tenants.get(scope.tenantId);
  if (own !== undefined) {
    if (project !== null) {
      const hit =
        own.p0 === project ? own.r0 : own.p1 === project ? own.r1 : own.more?.get(project);
      if (hit !== undefined) return new LazyResolution(hit, scope, 0);
    }
    if (own.wide !== undefined)
      return new LazyResolution(own.wide, scope, project === null ? 0 : 1);
  }
  if (scope.tenantId !== SYSTEM_TENANT) {
    const system = tenants.get(SYSTEM_TENANT)?.wide;
    if (system !== undefined) return new LazyResolution(system, scope, project === null ? 1 : 2);
  }
  return new LazyResolution(null, scope, -1);
}

/**
 * Resolves `kind` at `scope` against routes keyed by {@link routeKeyId} (admin and offline
 * paths) or any {@link RouteLookup}; a plain object, every field filled in. Request paths
 * use {@link resolveIndexed}.
 */
export function resolveRoute(
  routes: ReadonlyMap<string, Route> | RouteLookup,
  kind: string,
  scope: Scope,
): Resolution {
  const res = resolveLookup(routes, kind, scope);
  return { route: res.route, matched_scope: res.matched_scope, tried: res.tried };
}

/** {@link resolveRoute} with the scope strings built only when read (an older snapshot). */
export function resolveLookup(
  routes: ReadonlyMap<string, Route> | RouteLookup,
  kind: string,
  scope: Scope,
): Resolution {
  const find: RouteLookup['find'] =
    'find' in routes && typeof routes.find === 'function'
      ? (k, t, e, p) => routes.find(k, t, e, p)
      : (k, t, e, p) =>
          (routes as ReadonlyMap<string, Route>).get(
            routeKeyId({ resource_kind: k, tenant_id: t, env: e, project_id: p }),
          );
  const candidates = candidateScopes(scope);
  for (let at = 0; at < candidates.length; at++) {
    const c = candidates[at] as Scope;
    const route = find(kind, c.tenantId, c.env, c.projectId);
    if (route !== undefined) return new LazyResolution(route, scope, at);
  }
  return new LazyResolution(null, scope, -1);
}

/** Routes keyed for {@link resolveRoute}. */
export function indexRoutes(routes: Iterable<Route>): Map<string, Route> {
  const map = new Map<string, Route>();
  for (const r of routes) map.set(routeKeyId(r), r);
  return map;
}
