import type { BackendError } from '../backends/backend.error';
import { saysNotSent } from '../backends/network-errors';
import { DomainError } from '../common/errors/domain.error';
import { describeRouteKey, type RouteKey } from './route.types';
import { formatProblem, type RouteProblem } from './policy/route-problem';

/** `404 routing.route_not_found`: no stored route has this key. */
export class RouteNotFoundError extends DomainError {
  constructor(key: RouteKey) {
    super(
      'routing.route_not_found',
      'not_found',
      `No route is stored for ${describeRouteKey(key)}.`,
      { ...key },
    );
  }
}

/** `409 routing.version_conflict`: `If-Match` is not the route's current version. */
export class RouteVersionConflictError extends DomainError {
  constructor(key: RouteKey, expected: number, actual: number | null) {
    super(
      'routing.version_conflict',
      'conflict',
      `${describeRouteKey(key)} is at version ${actual ?? 'none'}, not ${expected}: read it again and retry with If-Match set to its current version.`,
      { ...key, expected_version: expected, current_version: actual },
    );
  }
}

/** `422 routing.policy_violation`, listing every problem. */
export class PolicyViolationError extends DomainError {
  constructor(readonly problems: RouteProblem[]) {
    super(
      'routing.policy_violation',
      'unprocessable',
      `The routing policy refuses this change (${problems.length} problem${problems.length === 1 ? '' : 's'}): ` +
        problems.map(formatProblem).join('; '),
      { problems },
    );
  }
}

/**
 * `503 routing.no_route`: a kind does not resolve at a scope (message names every scope tried).
 * 503, not 404: the request is valid and its records may well exist; what is missing is the
 * deployment's routing (a route an operator adds), as with any unavailable dependency. A 404
 * would tell the client the record does not exist, and could be cached as such.
 */
export class NoRouteError extends DomainError {
  constructor(kind: string, scope: string, tried: string[]) {
    super(
      'routing.no_route',
      'unavailable',
      `No route for ${kind} @ ${scope} (tried ${tried.join(', ')}). Add a route for one of these scopes to the routing registry.`,
      { resource_kind: kind, scope, tried },
    );
  }
}

/**
 * How a backend call failed: `refused` means the request never reached the backend (nothing
 * was applied); after a `timeout` or another outage the backend may still apply it.
 */
export type BackendFailure = 'refused' | 'timeout' | 'unavailable';

/** Classifies a backend outage for {@link BackendUnavailableError}. */
export function backendFailureOf(err: BackendError): BackendFailure {
  if (err.reason === 'timeout') return 'timeout';
  const cause = err.cause instanceof Error ? err.cause.message : '';
  return saysNotSent(`${err.message} ${cause}`) ? 'refused' : 'unavailable';
}

/**
 * `503 routing.backend_unavailable`: the backend the registry names did not answer. The
 * message says whether retrying is safe: a read always is; a write is when the backend
 * refused the connection (nothing sent), otherwise it may or may not have been applied and
 * is safe to retry only with the same `Idempotency-Key`. `details.retry_safe` says the same.
 */
export class BackendUnavailableError extends DomainError {
  constructor(
    readonly kind: string,
    readonly scope: string,
    readonly backendType: string,
    readonly reason: string,
    readonly failure: BackendFailure = 'unavailable',
    readonly write = false,
  ) {
    const retrySafe = !write || failure === 'refused';
    super(
      'routing.backend_unavailable',
      'unavailable',
      `The ${backendType} backend of ${kind} @ ${scope} is unavailable (${reason}). ` +
        `${retryAdvice(write, failure)} Operators: check that backend or switch the route.`,
      { resource_kind: kind, scope, backend_type: backendType, failure, retry_safe: retrySafe },
    );
  }

  /** The same failure, described for a request that writes (POST, PUT, PATCH, DELETE). */
  forWrite(): BackendUnavailableError {
    const { kind, scope, backendType, reason, failure } = this;
    return new BackendUnavailableError(kind, scope, backendType, reason, failure, true);
  }
}

function retryAdvice(write: boolean, failure: BackendFailure): string {
  if (!write) return 'Nothing was changed; retrying is safe.';
  if (failure === 'refused')
    return 'The request was not sent, so nothing was applied; retrying is safe.';
  return (
    'The write may or may not have been applied; retry with the same Idempotency-Key to be ' +
    'safe (a POST without one may be applied twice).'
  );
}
