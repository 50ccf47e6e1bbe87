import type { MoveRecord } from '../moves/move.types';
import { MoveLeaseLostError } from '../moves/moves.errors';
import type { Route, RouteInput, RouteKey } from '../route.types';
import { RouteVersionConflictError } from '../routing.errors';
import { IdempotencyKeyReusedError } from '../../common/errors/idempotency.errors';
import type { IdempotentWrite, RouteRevision, WriteOptions } from './registry-store';

/** Checks `If-Match` against the live route (null when absent or deleted). */
export function assertExpectedVersion(
  key: RouteKey,
  live: Route | null,
  options: WriteOptions,
): void {
  if (options.expectedVersion === undefined) return;
  const actual = live?.version ?? null;
  if (actual !== options.expectedVersion) {
    throw new RouteVersionConflictError(key, options.expectedVersion, actual);
  }
}

/**
 * The route a put produces. `lastVersion` counts deleted incarnations too, so an `If-Match`
 * taken before a delete can never match the re-created route.
 */
export function nextRoute(
  input: RouteInput,
  lastVersion: number,
  options: Pick<WriteOptions, 'actor'>,
  now: Date,
  /** `now` as ISO-8601 (a batch formats it once). */
  at = now.toISOString(),
): Route {
  return {
    resource_kind: input.resource_kind,
    tenant_id: input.tenant_id,
    env: input.env,
    project_id: input.project_id ?? null,
    backend_type: input.backend_type,
    config: { ...input.config },
    required: input.required ?? false,
    version: lastVersion + 1,
    updated_at: at,
    updated_by: options.actor,
    rationale: input.rationale ?? '',
  };
}

export function makeRevision(
  registryVersion: number,
  key: RouteKey,
  before: Route | null,
  after: Route | null,
  options: Pick<WriteOptions, 'actor' | 'reason' | 'idempotency'>,
  now: Date,
  /** `now` as ISO-8601 (a batch formats it once). */
  at = now.toISOString(),
): RouteRevision {
  return {
    registry_version: registryVersion,
    action: after === null ? 'delete' : 'put',
    resource_kind: key.resource_kind,
    tenant_id: key.tenant_id,
    env: key.env,
    project_id: key.project_id ?? null,
    before,
    after,
    actor: options.actor,
    reason: options.reason ?? '',
    at,
    ...(options.idempotency ? { idempotency_key: options.idempotency.key } : {}),
  };
}

/** What the registry remembers of an idempotent write. */
export interface IdempotencyRecord {
  key: string;
  fingerprint: string;
  registry_version: number;
}

/**
 * The outcome of the first write made with this key (put: the route it wrote; delete: the
 * route it deleted), or `422 idempotency.key_reused` when the key came with another request.
 */
export function replayOf(
  record: IdempotencyRecord,
  revision: RouteRevision,
  asked: IdempotentWrite,
): Route {
  if (record.fingerprint !== asked.fingerprint) throw new IdempotencyKeyReusedError(asked.key);
  return (revision.after ?? revision.before) as Route;
}

/**
 * Checks a move's lease for a switch ({@link WriteOptions.moveLease}) against the stored move:
 * held by the same owner, not lapsed, and with at least `minRemainingMs` left.
 */
export function assertMoveLease(
  stored: MoveRecord | null,
  lease: NonNullable<WriteOptions['moveLease']>,
  now: Date,
): void {
  if (stored === null) throw new MoveLeaseLostError(lease.moveId, 'the move is not stored');
  if (!stored.frozen || stored.lease_owner !== lease.owner)
    throw new MoveLeaseLostError(lease.moveId, `held by ${stored.lease_owner ?? 'nobody'}`);
  const left = Date.parse(stored.lease_expires_at ?? '') - now.getTime();
  if (!(left >= lease.minRemainingMs))
    throw new MoveLeaseLostError(lease.moveId, `${Math.max(0, left)} ms left on the lease`);
}
