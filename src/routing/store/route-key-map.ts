import type { RouteKey } from '../route.types';

/** `*` stands for the tenant-wide route (project ids match `p_…`, so it cannot collide). */
const TENANT_WIDE = '*';

/**
 * A map keyed by route key as nested maps, kind → tenant → env → project: a lookup hashes
 * the key's own strings and builds none (a `routeKeyId` string per lookup costs more than the
 * lookup itself on a large map, and one string per route is kept besides).
 */
export class RouteKeyMap<T> {
  private readonly kinds = new Map<string, Map<string, Map<string, Map<string, T>>>>();

  get(key: RouteKey): T | undefined {
    return this.kinds
      .get(key.resource_kind)
      ?.get(key.tenant_id)
      ?.get(key.env)
      ?.get(key.project_id ?? TENANT_WIDE);
  }

  set(key: RouteKey, value: T): void {
    let tenants = this.kinds.get(key.resource_kind);
    if (tenants === undefined) {
      tenants = new Map<string, Map<string, Map<string, T>>>();
      this.kinds.set(key.resource_kind, tenants);
    }
    let envs = tenants.get(key.tenant_id);
    if (envs === undefined) {
      envs = new Map<string, Map<string, T>>();
      tenants.set(key.tenant_id, envs);
    }
    let projects = envs.get(key.env);
    if (projects === undefined) {
      projects = new Map<string, T>();
      envs.set(key.env, projects);
    }
    projects.set(key.project_id ?? TENANT_WIDE, value);
  }

  *values(): IterableIterator<T> {
    for (const tenants of this.kinds.values())
      for (const envs of tenants.values())
        for (const projects of envs.values()) yield* projects.values();
  }
}
