/** The resource kind this module declares in the routing registry. */
export const RATE_LIMIT_KIND = 'rate_limit';

/** An action name: lower-case letters, digits, `_ . : -`, 1..64 characters (`chat:post`, `export.csv`). */
export const ACTION_FORMAT = /^[a-z0-9][a-z0-9_.:-]{0,63}$/;
/** A subject (user id, API key id, IP address…): letters, digits, `_ . : @ + -`, 1..128 characters. */
export const SUBJECT_FORMAT = /^[A-Za-z0-9_.:@+-]{1,128}$/;
/**
 * Subject of consumptions sent without one: the whole scope shares one limit for the action.
 * `*` is outside {@link SUBJECT_FORMAT}, so it never collides with a real subject.
 */
export const NO_SUBJECT = '*';

/** Largest `limit` of a policy. Bounds the log a key keeps (at most this many entries per window). */
export const MAX_POLICY_LIMIT = 10_000;
/** Largest `window_seconds` of a policy (one day). */
export const MAX_WINDOW_SECONDS = 86_400;

/** How many units an action may consume per sliding window, at one scope. */
export interface RateLimitPolicy {
  action: string;
  /** Units allowed in any window of `window_seconds` (1..{@link MAX_POLICY_LIMIT}). */
  limit: number;
  window_seconds: number;
  version: number;
  /** ISO-8601 UTC. */
  updated_at: string;
  updated_by: string;
}

/** The fields of a policy a write sets. */
export type RateLimitPolicyInput = Pick<RateLimitPolicy, 'limit' | 'window_seconds'>;

/** One consumption attempt against the sliding window log of `(scope, action, subject)`. */
export interface ConsumeRequest {
  action: string;
  /** A subject, or {@link NO_SUBJECT}. */
  subject: string;
  /** Units to take (1..limit). */
  cost: number;
  limit: number;
  windowMs: number;
}

/** What a consumption attempt decided. Times are epoch milliseconds. */
export interface ConsumeOutcome {
  allowed: boolean;
  /** Units still available in the current window after this attempt (never negative). */
  remaining: number;
  /** When everything now counted has left the window (the limit is fully available again). */
  resetAtMs: number;
  /** 0 when allowed; otherwise how long until `cost` units would fit. */
  retryAfterMs: number;
}

/** What `POST /rate-limit/consume` answers when the consumption is allowed. */
export interface ConsumeResult {
  allowed: true;
  action: string;
  subject: string | null;
  limit: number;
  remaining: number;
  /** ISO-8601 UTC: when the limit is fully available again. */
  reset_at: string;
}
