import { Injectable } from '@nestjs/common';
import {
  anyInteger,
  keysetCursor,
  MAX_LIMIT,
  STRING_CURSOR,
  type ListRequest,
  type Page,
} from '../../common/http/pagination';
import { parseEnv, type Env, type Scope } from '../../common/scope/scope';
import { indexRoutes, resolveRoute, type Resolution } from '../resolution';
import { routeKeyId, type Route, type RouteKey } from '../route.types';
import { RouteNotFoundError } from '../routing.errors';
import { RegistryStore, type RouteRevision } from '../store/registry-store';

/** Filters of route lists and history (all optional; `project_id` `*` = tenant-wide). */
export interface RouteFilter {
  resource_kind?: string;
  tenant_id?: string;
  env?: string;
  project_id?: string;
}

/** How many revisions one history page may scan when the filter is not one route key. */
const HISTORY_SCAN = MAX_LIMIT * 5;

/** History pages newest first, by registry version. */
const REVISION_CURSOR = keysetCursor(anyInteger);

/** Reads of the registry store for the admin API (always fresh, never the snapshot). */
@Injectable()
export class RegistryQueries {
  constructor(private readonly store: RegistryStore) {}

  async list(filter: RouteFilter, page: ListRequest): Promise<Page<Route>> {
    const { limit, position: after } = STRING_CURSOR.start(page);
    const matches = matcher(filter);
    const routes = (await this.store.load()).routes
      .filter(
        (r) =>
          matches(r) &&
          (filter.project_id === undefined || (r.project_id ?? '*') === filter.project_id),
      )
      .sort((a, b) => routeKeyId(a).localeCompare(routeKeyId(b)))
      .filter((r) => after === undefined || routeKeyId(r) > after);
    return STRING_CURSOR.page(routes.slice(0, limit + 1), limit, routeKeyId);
  }

  async get(key: RouteKey): Promise<Route> {
    const found = (await this.store.load()).routes.find((r) => routeKeyId(r) === routeKeyId(key));
    if (found === undefined) throw new RouteNotFoundError(key);
    return found;
  }

  /**
   * Revisions newest first. A full route key reads that route's history directly; any other
   * filter scans at most {@link HISTORY_SCAN} revisions per page (the cursor continues).
   */
  async history(filter: RouteFilter, page: ListRequest): Promise<Page<RouteRevision>> {
    const { limit, position: before } = REVISION_CURSOR.start(page);
    const key = fullKey(filter);
    const scanned = await this.store.history({
      key,
      beforeVersion: before,
      limit: key ? limit + 1 : HISTORY_SCAN,
    });
    const items = scanned.items.filter(matcher(filter));
    return REVISION_CURSOR.page(items.slice(0, limit + 1), limit, (last) => last.registry_version);
  }

  async resolve(kind: string, scope: Scope): Promise<Resolution> {
    return resolveRoute(indexRoutes((await this.store.load()).routes), kind, scope);
  }
}

function matcher(
  f: RouteFilter,
): (r: { resource_kind: string; tenant_id: string; env: Env }) => boolean {
  const env = f.env === undefined ? undefined : parseEnv(f.env);
  return (r) =>
    (f.resource_kind === undefined || r.resource_kind === f.resource_kind) &&
    (f.tenant_id === undefined || r.tenant_id === f.tenant_id) &&
    (env === undefined || r.env === env);
}

function fullKey(f: RouteFilter): RouteKey | undefined {
  const env = f.env === undefined ? null : parseEnv(f.env);
  if (!f.resource_kind || !f.tenant_id || env === null || !f.project_id) return undefined;
  return {
    resource_kind: f.resource_kind,
    tenant_id: f.tenant_id,
    env,
    project_id: f.project_id === '*' ? null : f.project_id,
  };
}
