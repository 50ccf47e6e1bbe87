import { SYSTEM_TENANT, type Scope } from '../common/scope/scope';
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

/** Resolves `kind` at `scope` against routes keyed by {@link routeKeyId}. */
export function resolveRoute(
  routes: ReadonlyMap<string, Route>,
  kind: string,
  scope: Scope,
): Resolution {
  const tried: string[] = [];
  for (const candidate of candidateScopes(scope)) {
    tried.push(candidate.toString());
    const route = routes.get(
      routeKeyId({
        resource_kind: kind,
        tenant_id: candidate.tenantId,
        env: candidate.env,
        project_id: candidate.projectId,
      }),
    );
    if (route !== undefined) return { route, matched_scope: candidate.toString(), tried };
  }
  return { route: null, matched_scope: null, tried };
}

/** Routes keyed for {@link resolveRoute}. */
export function indexRoutes(routes: Iterable<Route>): Map<string, Route> {
  const map = new Map<string, Route>();
  for (const r of routes) map.set(routeKeyId(r), r);
  return map;
}
