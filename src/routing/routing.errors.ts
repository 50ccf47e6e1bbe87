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

/** `404 routing.no_route`: a kind does not resolve at a scope (message names every scope tried). */
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

/** `503 routing.backend_unavailable`: the backend the registry names did not answer. */
export class BackendUnavailableError extends DomainError {
  constructor(kind: string, scope: string, backendType: string, reason: string) {
    super(
      'routing.backend_unavailable',
      'unavailable',
      `The ${backendType} backend of ${kind} @ ${scope} is unavailable (${reason}). Retry later; operators: check that backend or switch the route.`,
      { resource_kind: kind, scope, backend_type: backendType },
    );
  }
}
