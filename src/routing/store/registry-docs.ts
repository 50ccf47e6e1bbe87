import { createHash } from 'node:crypto';
import type { DocumentData } from '@google-cloud/firestore';
import type { Route, RouteKey } from '../route.types';
import type { RegistryState, RouteRevision } from './registry-store';

/** Stored route: the route fields plus a tombstone flag and the registry version that wrote it. */
export interface RouteDoc extends Route {
  deleted: boolean;
  registry_version: number;
  route_id: string;
}

const escapePart = (s: string): string =>
  s.replace(/%/g, '%25').replace(/~/g, '%7E').replace(/\//g, '%2F');

/** Deterministic document id of a route: `kind~tenant~env~project` (`*` for the whole tenant). */
export function routeDocId(key: RouteKey): string {
  return [key.resource_kind, key.tenant_id, key.env, key.project_id ?? '*']
    .map(escapePart)
    .join('~');
}

export const revisionDocId = (version: number): string => String(version).padStart(12, '0');

/** Document id of an idempotency key: a hash, since keys may hold `/` and other characters. */
export const idempotencyDocId = (key: string): string =>
  createHash('sha256').update(key).digest('hex');

export function toRoute(doc: DocumentData): Route {
  const d = doc as Partial<Route>;
  return {
    resource_kind: d.resource_kind as string,
    tenant_id: d.tenant_id as string,
    env: d.env as Route['env'],
    project_id: d.project_id ?? null,
    backend_type: d.backend_type as Route['backend_type'],
    config: d.config ?? {},
    required: d.required ?? false,
    version: d.version as number,
    updated_at: d.updated_at as string,
    updated_by: d.updated_by as string,
    rationale: d.rationale ?? '',
  };
}

export function toState(docs: DocumentData[]): RegistryState {
  const version = docs.reduce(
    (max, d) => Math.max(max, (d.registry_version as number | undefined) ?? 0),
    0,
  );
  return {
    version,
    routes: docs.filter((d) => d.deleted !== true).map(toRoute),
    freezes: [],
  };
}

/** A revision as the API shows it (without storage-only fields). */
export function stripRevision(doc: DocumentData): RouteRevision {
  const { route_id: _ignored, request_hash: _hash, ...revision } = doc;
  return revision as RouteRevision;
}
