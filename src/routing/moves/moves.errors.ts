import { DomainError } from '../../common/errors/domain.error';
import { describeRouteKey, type RouteKey } from '../route.types';

/**
 * `503 routing.scope_moving`: the scope is frozen while its data moves to another backend.
 * Reads keep working; writes are refused until the move switches (seconds to minutes), so
 * the client retries after `Retry-After`. Nothing was written.
 */
export class ScopeMovingError extends DomainError {
  constructor(kind: string, scope: string, moveId: string, retryAfterSeconds: number) {
    super(
      'routing.scope_moving',
      'unavailable',
      `${kind} @ ${scope} is moving to another backend (move ${moveId}): writes are paused until it switches. ` +
        `Nothing was written; retry after ${retryAfterSeconds} s (reads keep working).`,
      { resource_kind: kind, scope, move_id: moveId, retry_safe: true },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

/** `404 routing.move_not_found`. */
export class MoveNotFoundError extends DomainError {
  constructor(id: string) {
    super(
      'routing.move_not_found',
      'not_found',
      `No move ${id}. List moves with GET /routing/moves.`,
      { move_id: id },
    );
  }
}

/** `409 routing.move_refused`: the move cannot start (what is wrong is in the message). */
export class MoveRefusedError extends DomainError {
  constructor(key: RouteKey, why: string, details: Record<string, unknown> = {}) {
    super('routing.move_refused', 'conflict', `Cannot move ${describeRouteKey(key)}: ${why}`, {
      ...key,
      ...details,
    });
  }
}

/** `409 routing.move_state`: the move is not in a state that allows the request. */
export class MoveStateError extends DomainError {
  constructor(id: string, state: string, why: string) {
    super('routing.move_state', 'conflict', `Move ${id} is ${state}: ${why}`, {
      move_id: id,
      state,
    });
  }
}

/**
 * The stored move changed since it was read (another instance took it over, or an abort was
 * requested): read it again. Internal to the move runner and the stores.
 */
export class MoveChangedError extends Error {
  constructor(id: string, expected: number, actual: number | null) {
    super(`move ${id} is at revision ${actual ?? 'none'}, not ${expected}`);
  }
}

/** The move's lease lapsed or another instance holds it: this runner must stop. */
export class MoveLeaseLostError extends Error {
  constructor(id: string, why: string) {
    super(`move ${id}: lease lost (${why})`);
  }
}
