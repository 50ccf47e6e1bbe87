import type { Env } from '../common/scope/scope';
import type { Route, RouteKey } from './route.types';

/** Exact lookups by key parts, for `resolveRoute` over any route source. */
export interface RouteLookup {
  find(kind: string, tenantId: string, env: Env, projectId: string | null): Route | undefined;
}

/**
 * The routes of one tenant for one kind: its tenant-wide route and its project routes. The
 * first two project routes are held inline (`p0`/`r0`, `p1`/`r1`; most tenants have few
 * projects) and further ones in `more`: a project hit then reads one object after the tenant
 * lookup instead of a map of its own, which counts at 510k routes where every hop is a cache
 * miss (BENCHMARKS.md section 1).
 */
export interface TenantRoutes {
  wide: Route | undefined;
  p0: string | undefined;
  r0: Route | undefined;
  p1: string | undefined;
  r1: Route | undefined;
  more: Map<string, Route> | undefined;
}

/** The project route of a tenant, if any. */
export function projectRoute(tenant: TenantRoutes, projectId: string): Route | undefined {
  if (tenant.p0 === projectId) return tenant.r0;
  if (tenant.p1 === projectId) return tenant.r1;
  return tenant.more?.get(projectId);
}

/**
 * The routes of one env as nested maps, kind → tenant → (tenant-wide route, project → route),
 * so a lookup hashes the strings it is given and builds none. Mutable: {@link set} and
 * {@link delete} are O(1), which is what makes a registry change cost what changed (see
 * `RegistrySnapshot.advance`). Routes of another env are refused.
 */
export class RouteIndex implements RouteLookup {
  private readonly kinds = new Map<string, Map<string, TenantRoutes>>();
  private count = 0;

  constructor(readonly env: Env) {}

  static of(env: Env, routes: Iterable<Route>): RouteIndex {
    const index = new RouteIndex(env);
    for (const route of routes) index.set(route);
    return index;
  }

  get size(): number {
    return this.count;
  }

  /** The tenants of a kind (for resolution), or undefined when the kind has no route. */
  tenantsOf(kind: string): ReadonlyMap<string, TenantRoutes> | undefined {
    return this.kinds.get(kind);
  }

  /** The route at exactly (kind, tenant, env, project); `null` project: the tenant-wide route. */
  find(kind: string, tenantId: string, env: Env, projectId: string | null): Route | undefined {
    if (env !== this.env) return undefined;
    const tenant = this.kinds.get(kind)?.get(tenantId);
    if (tenant === undefined) return undefined;
    return projectId === null ? tenant.wide : projectRoute(tenant, projectId);
  }

  get(key: RouteKey): Route | undefined {
    return this.find(key.resource_kind, key.tenant_id, key.env, key.project_id);
  }

  /** Stores a route at its key; returns the route it replaced. */
  set(route: Route): Route | undefined {
    if (route.env !== this.env)
      throw new Error(
        `RouteIndex of env ${this.env} cannot hold a route of env ${route.env}; index each env apart.`,
      );
    let tenants = this.kinds.get(route.resource_kind);
    if (tenants === undefined) {
      tenants = new Map();
      this.kinds.set(route.resource_kind, tenants);
    }
    let tenant = tenants.get(route.tenant_id);
    if (tenant === undefined) {
      tenant = {
        wide: undefined,
        p0: undefined,
        r0: undefined,
        p1: undefined,
        r1: undefined,
        more: undefined,
      };
      tenants.set(route.tenant_id, tenant);
    }
    let before: Route | undefined;
    const project = route.project_id;
    if (project === null) {
      before = tenant.wide;
      tenant.wide = route;
    } else if (tenant.p0 === project) {
      before = tenant.r0;
      tenant.r0 = route;
    } else if (tenant.p1 === project) {
      before = tenant.r1;
      tenant.r1 = route;
    } else if (tenant.more?.has(project) === true) {
      before = tenant.more.get(project);
      tenant.more.set(project, route);
    } else if (tenant.p0 === undefined) {
      tenant.p0 = project;
      tenant.r0 = route;
    } else if (tenant.p1 === undefined) {
      tenant.p1 = project;
      tenant.r1 = route;
    } else {
      tenant.more ??= new Map();
      tenant.more.set(project, route);
    }
    if (before === undefined) this.count += 1;
    return before;
  }

  /** Removes the route at a key; returns it (undefined when there was none). */
  delete(key: RouteKey): Route | undefined {
    if (key.env !== this.env) return undefined;
    const tenants = this.kinds.get(key.resource_kind);
    const tenant = tenants?.get(key.tenant_id);
    if (tenants === undefined || tenant === undefined) return undefined;
    let before: Route | undefined;
    const project = key.project_id;
    if (project === null) {
      before = tenant.wide;
      tenant.wide = undefined;
    } else if (tenant.p0 === project) {
      before = tenant.r0;
      tenant.p0 = tenant.r0 = undefined;
    } else if (tenant.p1 === project) {
      before = tenant.r1;
      tenant.p1 = tenant.r1 = undefined;
    } else {
      before = tenant.more?.get(project);
      tenant.more?.delete(project);
      if (tenant.more?.size === 0) tenant.more = undefined;
    }
    if (
      tenant.wide === undefined &&
      tenant.r0 === undefined &&
      tenant.r1 === undefined &&
      tenant.more === undefined
    ) {
      tenants.delete(key.tenant_id);
      if (tenants.size === 0) this.kinds.delete(key.resource_kind);
    }
    if (before !== undefined) this.count -= 1;
    return before;
  }

  *values(): IterableIterator<Route> {
    for (const kind of this.kinds.keys()) yield* this.valuesOf(kind);
  }

  /** The routes of one kind. */
  *valuesOf(kind: string): IterableIterator<Route> {
    for (const tenant of this.kinds.get(kind)?.values() ?? []) {
      if (tenant.wide !== undefined) yield tenant.wide;
      if (tenant.r0 !== undefined) yield tenant.r0;
      if (tenant.r1 !== undefined) yield tenant.r1;
      if (tenant.more !== undefined) yield* tenant.more.values();
    }
  }
}
