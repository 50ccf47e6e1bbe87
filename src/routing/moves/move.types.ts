import { Scope, type Env } from '../../common/scope/scope';
import type { BackendType } from '../../backends/backend-type';
import type { BackendConfig, RouteKey } from '../route.types';

/**
 * The states of a move. `planned → frozen → copying → verifying → switched → done`; a move
 * that cannot finish ends `failed` (or `aborted` on request) with the route unchanged.
 */
export const MOVE_STATES = [
  'planned',
  'frozen',
  'copying',
  'verifying',
  'switched',
  'done',
  'failed',
  'aborted',
] as const;
export type MoveState = (typeof MOVE_STATES)[number];

/** States a move ends in: nothing runs any more and nothing is frozen. */
export const FINAL_MOVE_STATES: readonly MoveState[] = ['done', 'failed', 'aborted'];

export function isFinalMoveState(state: MoveState): boolean {
  return FINAL_MOVE_STATES.includes(state);
}

/** One scope a move copies, with its progress. */
export interface MoveScope {
  /** `t_acme/prod/p_web` or `t_acme/prod/*` (tenant-level records). */
  scope: string;
  /** Records and bytes found on the source when the copy started (0 until then). */
  records: number;
  bytes: number;
  /** Records written to the target so far. */
  copied: number;
  /** Records whose digest matched on both sides. */
  verified: number;
}

/** A backend a move reads from or writes to. */
export interface MoveBackend {
  backend_type: BackendType;
  config: BackendConfig;
}

/**
 * A move as stored in the registry store (`registry_moves`): any instance can show it, and
 * the one holding its lease runs it. `revision` is the store's optimistic-concurrency counter.
 */
export interface MoveRecord extends RouteKey {
  id: string;
  env: Env;
  target: MoveBackend;
  /** The route that served the scopes when the move was planned, and the scope it is at. */
  source: MoveBackend & { route_scope: string };
  reason: string;
  actor: string;
  state: MoveState;
  scopes: MoveScope[];
  records_copied: number;
  bytes_copied: number;
  created_at: string;
  started_at: string | null;
  frozen_at: string | null;
  switched_at: string | null;
  finished_at: string | null;
  /** Why the move failed or was aborted. */
  error: string | null;
  /** Set by `POST /routing/moves/:id/abort`; the runner stops at its next step. */
  abort_requested: boolean;
  /** True while writes to the moved scopes are refused (until `lease_expires_at`). */
  frozen: boolean;
  /** The instance running the move, and until when its lease (and the freeze) holds. */
  lease_owner: string | null;
  lease_expires_at: string | null;
  /** The registry version of the switch (the route write), once made. */
  registry_version: number | null;
  /** When the source copy was deleted (`delete-source`), or null while it is kept. */
  source_deleted_at: string | null;
  revision: number;
}

/**
 * A freeze as every instance sees it in its registry snapshot: writes of `resource_kind` to
 * the scopes the key covers are refused until the lease expires or the move ends.
 */
export interface ScopeFreeze extends RouteKey {
  move_id: string;
  lease_expires_at: string;
}

/** The freeze a stored move imposes, or null when it imposes none. */
export function freezeOf(move: MoveRecord): ScopeFreeze | null {
  if (!move.frozen || move.lease_expires_at === null) return null;
  return {
    move_id: move.id,
    resource_kind: move.resource_kind,
    tenant_id: move.tenant_id,
    env: move.env,
    project_id: move.project_id,
    lease_expires_at: move.lease_expires_at,
  };
}

/** `t_acme/prod/p_web` (or `…/*`) back to a scope. */
export function parseMoveScope(text: string): Scope {
  const [tenant = '', env = '', project = '*'] = text.split('/');
  return Scope.of(tenant, env as Scope['env'], project === '*' ? null : project);
}

/** The route key a move moves. */
export function moveKey(move: MoveRecord): RouteKey {
  const { resource_kind, tenant_id, env, project_id } = move;
  return { resource_kind, tenant_id, env, project_id };
}
