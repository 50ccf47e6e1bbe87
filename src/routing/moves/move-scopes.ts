import { Scope } from '../../common/scope/scope';
import type { ScopeData } from '../../common/scope-data/scope-data';
import type { Route, RouteKey } from '../route.types';

/**
 * The scopes a route key covers on the source: its project; or, for a tenant-wide key, the
 * tenant-level records and every project the source holds records of that has no route of
 * its own for the kind (`routes`: the stored routes of the key's env).
 */
export async function scopesCovered(
  key: RouteKey,
  source: ScopeData,
  routes: readonly Route[],
): Promise<Scope[]> {
  if (key.project_id !== null) return [Scope.of(key.tenant_id, key.env, key.project_id)];
  const own = new Set(
    routes
      .filter(
        (r) =>
          r.resource_kind === key.resource_kind &&
          r.tenant_id === key.tenant_id &&
          r.env === key.env &&
          r.project_id !== null,
      )
      .map((r) => r.project_id),
  );
  const held = await source.scopesHeld(key.tenant_id, key.env);
  const projects = held.filter((s) => s.projectId !== null && !own.has(s.projectId));
  return [
    Scope.of(key.tenant_id, key.env, null),
    ...projects.sort((a, b) => a.toString().localeCompare(b.toString())),
  ];
}
