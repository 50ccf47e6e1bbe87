import type { Scope } from '../../common/scope/scope';
import type {
  ConsumeOutcome,
  ConsumeRequest,
  RateLimitPolicy,
  RateLimitPolicyInput,
} from './rate-limit.types';

/**
 * Port: rate-limit policies and the consumption log of every `(scope, action, subject)` key.
 *
 * The limiter is a **sliding window log**: a consumption of `cost` units at time t is
 * allowed only if the units already allowed in `(t - window, t]` plus `cost` stay within
 * `limit`. So no window of that length ever holds more than `limit` units, wherever it starts
 * (no 2×limit burst across a fixed-window edge, unlike fixed windows or token buckets).
 * Denied attempts are not recorded and consume nothing.
 */
export abstract class RateLimitRepository {
  /** The policy of `action` at exactly `scope`, or null. */
  abstract getPolicy(scope: Scope, action: string): Promise<RateLimitPolicy | null>;

  /**
   * Creates or replaces the policy of `action` at `scope` (version + 1, 1 when new). With
   * `expectedVersion` the write happens only if the stored version is that one; otherwise
   * throws `RateLimitPolicyVersionConflictError` (`rate_limit.version_conflict`).
   */
  abstract putPolicy(
    scope: Scope,
    action: string,
    input: RateLimitPolicyInput,
    write: { actor: string; expectedVersion?: number },
  ): Promise<RateLimitPolicy>;

  /** Policies of `scope` ordered by action name; `after` is the last action of the previous page. */
  abstract listPolicies(
    scope: Scope,
    page: { limit: number; after?: string },
  ): Promise<RateLimitPolicy[]>;

  /**
   * Decides and records one consumption, atomically: of N concurrent attempts against a
   * fresh key with limit L and cost 1, exactly min(N, L) are allowed.
   */
  abstract consume(scope: Scope, request: ConsumeRequest): Promise<ConsumeOutcome>;
}
