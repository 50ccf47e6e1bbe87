import { Scope, type Env } from '../../common/scope/scope';
import type { MountedKind } from '../kind-catalog';
import type { RouteProblem } from '../policy/route-problem';
import { indexRoutes, resolveRoute } from '../resolution';
import { routeKeyId, type Route, type RouteInput, type RouteKey } from '../route.types';

/** One change of a plan (dry run) or an apply. */
export type RegistryChange = { op: 'put'; route: RouteInput } | { op: 'delete'; key: RouteKey };

/** Where a kind resolves at a scope, before or after a change. */
export interface Placement {
  backend_type: string;
  matched_scope: string;
  config: Record<string, unknown>;
}

/** A kind at a scope that would be served by another backend (or config) after a change. */
export interface Move {
  resource_kind: string;
  scope: string;
  tenant_id: string;
  before: Placement | null;
  after: Placement | null;
}

/** Coverage of one mounted kind at one scope. */
export interface CoverageEntry {
  resource_kind: string;
  scope: string;
  status: 'resolved' | 'missing' | 'invalid';
  matched_scope: string | null;
  backend_type: string | null;
  problems: string[];
}

/** Applies changes to a list of routes (no validation): the registry as it would be. */
export function applyChanges(routes: Route[], changes: RegistryChange[]): Route[] {
  const index = indexRoutes(routes);
  for (const change of changes) {
    if (change.op === 'delete') {
      index.delete(routeKeyId(change.key));
      continue;
    }
    const existing = index.get(routeKeyId(change.route));
    index.set(routeKeyId(change.route), {
      ...change.route,
      project_id: change.route.project_id ?? null,
      required: change.route.required ?? false,
      rationale: change.route.rationale ?? '',
      version: (existing?.version ?? 0) + 1,
      updated_at: existing?.updated_at ?? '',
      updated_by: existing?.updated_by ?? '',
    });
  }
  return [...index.values()];
}

/** Scopes worth evaluating in an env: required ones plus every scope a route of that env names. */
export function scopesOf(routes: Route[], env: Env, required: Scope[]): Scope[] {
  const seen = new Map<string, Scope>();
  for (const scope of required) seen.set(scope.toString(), scope);
  for (const r of routes.filter((x) => x.env === env)) {
    const scope = Scope.of(r.tenant_id, env, r.project_id);
    seen.set(scope.toString(), scope);
  }
  return [...seen.values()];
}

function placement(routes: Map<string, Route>, kind: string, scope: Scope): Placement | null {
  const res = resolveRoute(routes, kind, scope);
  return res.route === null
    ? null
    : {
        backend_type: res.route.backend_type,
        matched_scope: res.matched_scope as string,
        config: res.route.config,
      };
}

/** Every (kind, scope) of `envs` whose backend or config differs between two registries. */
export function movesBetween(
  before: Route[],
  after: Route[],
  kinds: string[],
  envs: Env[],
  required: (env: Env) => Scope[],
): Move[] {
  const b = indexRoutes(before);
  const a = indexRoutes(after);
  const moves: Move[] = [];
  for (const env of envs) {
    for (const scope of scopesOf([...before, ...after], env, required(env))) {
      for (const kind of kinds) {
        const from = placement(b, kind, scope);
        const to = placement(a, kind, scope);
        if (JSON.stringify(from) === JSON.stringify(to)) continue;
        moves.push({
          resource_kind: kind,
          scope: scope.toString(),
          tenant_id: scope.tenantId,
          before: from,
          after: to,
        });
      }
    }
  }
  return moves;
}

/** Mounted kind × scope coverage of one env, judged by `validate`. */
export function coverageOf(
  routes: Route[],
  kinds: MountedKind[],
  env: Env,
  required: Scope[],
  validate: (route: Route) => RouteProblem[],
): CoverageEntry[] {
  const index = indexRoutes(routes.filter((r) => r.env === env));
  const entries: CoverageEntry[] = [];
  for (const scope of scopesOf(routes, env, required)) {
    for (const { kind } of kinds) {
      const res = resolveRoute(index, kind, scope);
      const problems =
        res.route === null
          ? [`no route (tried ${res.tried.join(', ')})`]
          : validate(res.route).map((p) => p.message);
      entries.push({
        resource_kind: kind,
        scope: scope.toString(),
        status: res.route === null ? 'missing' : problems.length > 0 ? 'invalid' : 'resolved',
        matched_scope: res.matched_scope,
        backend_type: res.route?.backend_type ?? null,
        problems,
      });
    }
  }
  return entries;
}
