import { DomainError, NotFoundError, versionConflictOf } from '../../common/errors/domain.error';
import { RATE_LIMIT_KIND } from './rate-limit.types';

/** `409 rate_limit.version_conflict`. */
export class RateLimitPolicyVersionConflictError extends versionConflictOf(RATE_LIMIT_KIND) {}

/** `404 rate_limit.policy_not_found`: no policy for this action in the caller's scope. */
export class RateLimitPolicyNotFoundError extends NotFoundError {
  constructor(action: string) {
    super(RATE_LIMIT_KIND, 'Rate-limit policy for action', action, {
      code: 'policy_not_found',
      hint: `An admin must first PUT /rate-limit/policies/${action} with { limit, window_seconds }.`,
      details: { action },
    });
  }
}

/** `429 rate_limit.exceeded` with `Retry-After` (whole seconds, at least 1). */
export class RateLimitExceededError extends DomainError {
  constructor(details: {
    action: string;
    subject: string | null;
    limit: number;
    window_seconds: number;
    retry_after_ms: number;
    reset_at: string;
  }) {
    const seconds = Math.max(1, Math.ceil(details.retry_after_ms / 1000));
    super(
      'rate_limit.exceeded',
      'rate_limited',
      `Rate limit exceeded for action "${details.action}" (${details.limit} per ${details.window_seconds} s). Retry after ${seconds} s.`,
      { ...details, retry_after_seconds: seconds },
      { 'Retry-After': String(seconds) },
    );
  }
}

/** `400 rate_limit.cost_exceeds_limit`: a single consumption larger than the whole limit can never pass. */
export class RateLimitCostTooLargeError extends DomainError {
  constructor(action: string, cost: number, limit: number) {
    super(
      'rate_limit.cost_exceeds_limit',
      'invalid',
      `cost ${cost} is larger than the limit of action "${action}" (${limit}), so it could never be allowed. Send a cost of at most ${limit}.`,
      { action, cost, limit },
    );
  }
}

/** `503 rate_limit.busy`: too many concurrent consumptions of one key to settle in time; retry. */
export class RateLimitBusyError extends DomainError {
  constructor(action: string) {
    super(
      'rate_limit.busy',
      'unavailable',
      `Too many concurrent consumptions of action "${action}" for this subject; nothing was consumed. Retry shortly.`,
      { action },
      { 'Retry-After': '1' },
    );
  }
}
