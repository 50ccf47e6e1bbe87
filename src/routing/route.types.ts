import type { Env } from '../common/scope/scope';

import type { BackendType } from '../backends/backend-type';

/** Backend config: snake_case keys checked against the backend's schema by the policy. */
export type BackendConfig = Record<string, unknown>;

/**
 * A route: which backend a resource kind uses at a scope. The same field names are used
 * over HTTP, in seed files and in the store.
 */
export interface Route {
  /** The kind a feature module declares, e.g. `feature_flags`. */
  resource_kind: string;
  /** `t_...`; `t_system` holds the deployment-wide defaults. */
  tenant_id: string;
  env: Env;
  /** `p_...`, or null for the whole tenant. */
  project_id: string | null;
  backend_type: BackendType;
  config: BackendConfig;
  /**
   * When true, boot also requires this route's backend to answer a ping (an unreachable
   * backend stops the app). Default false, so one tenant's outage cannot block a deploy.
   */
  required: boolean;
  /** Starts at 1, incremented by every write of this route. */
  version: number;
  /** ISO-8601 UTC. */
  updated_at: string;
  /** Subject of the token (or `seed:<file>`, `cli`) that wrote it. */
  updated_by: string;
  /** Why the route is what it is: shown in history and plans. */
  rationale: string;
}

/** The identity of a route: the four fields of its key. */
export type RouteKey = Pick<Route, 'resource_kind' | 'tenant_id' | 'env' | 'project_id'>;

/** A route as written by a person (seed file, API body): metadata is filled in by the store. */
export type RouteInput = RouteKey &
  Pick<Route, 'backend_type' | 'config'> &
  Partial<Pick<Route, 'required' | 'rationale'>>;

/** `feature_flags @ t_acme/prod/p_web`, the form every message uses. */
export function describeRouteKey(key: RouteKey): string {
  return `${key.resource_kind} @ ${key.tenant_id}/${key.env}/${key.project_id ?? '*'}`;
}

/** Map key for a route identity; components cannot contain `|` by their formats. */
export function routeKeyId(key: RouteKey): string {
  return `${key.resource_kind}|${key.tenant_id}|${key.env}|${key.project_id ?? '*'}`;
}

/** A config as a canonical string (keys sorted), to compare configs or key by them. */
export function canonicalConfig(config: BackendConfig): string {
  return JSON.stringify(
    Object.keys(config)
      .sort()
      .map((k) => [k, config[k]]),
  );
}

/** Whether a stored route already says what `input` says (so writing it would change nothing). */
export function sameRouteContent(stored: Route | undefined, input: RouteInput): boolean {
  return (
    stored !== undefined &&
    stored.backend_type === input.backend_type &&
    canonicalConfig(stored.config) === canonicalConfig(input.config) &&
    stored.required === (input.required ?? false) &&
    stored.rationale === (input.rationale ?? '')
  );
}
