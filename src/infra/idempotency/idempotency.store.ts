import type { ErrorCategory } from '../../common/errors/domain.error';

/** A successful first outcome, replayed as it was sent. */
export interface StoredResponse {
  kind: 'response';
  status: number;
  body: unknown;
  /** The response headers worth replaying (`ETag`, `Location`), lower-case names. */
  headers: Record<string, string>;
}

/** A refused first outcome (a 4xx domain error other than validation), replayed as the same error. */
export interface StoredError {
  kind: 'error';
  code: string;
  category: ErrorCategory;
  message: string;
  details: Record<string, unknown>;
  headers: Record<string, string>;
}

export type StoredOutcome = StoredResponse | StoredError;

/**
 * What the server remembers about one `(tenant, Idempotency-Key)`.
 *
 * - `running`: an attempt holds the key until `lease_until`; others answer 409.
 * - `done`: the outcome is known and replayed to every retry.
 * - `unknown`: the last attempt ended without a known outcome (503, 500, a lease that ran
 *   out): its writes may or may not have landed, so the next retry executes again with the
 *   same ids (seeded by the tenant, the key and `first_attempt_at`).
 */
export interface IdempotencyRecord {
  /** Hash of method, path, scope and body: the same key for another request is refused. */
  fingerprint: string;
  state: 'running' | 'done' | 'unknown';
  /** 1 for the first attempt; each takeover increments it, so a stale attempt cannot finish. */
  attempt: number;
  /** Epoch ms of the first attempt; the time part of the ids every attempt makes. */
  first_attempt_at: number;
  /** Epoch ms until which a `running` attempt holds the key. */
  lease_until: number;
  /** Epoch ms after which the record is forgotten (TTL); at least 24 h after the first attempt. */
  expire_at: number;
  outcome: StoredOutcome | null;
}

/** What {@link IdempotencyStore.claim} found. */
export interface ClaimResult {
  /** True when this call created the record (a first attempt). */
  claimed: boolean;
  /** The record now stored: the new one when claimed, else the live existing one. */
  record: IdempotencyRecord;
}

/**
 * Remembers Idempotency-Keys per tenant. Port and DI token; adapters live beside it
 * (Firestore next to the registry store, memory for dev/test). Every method may throw when
 * the store is unreachable; the caller bounds each call and answers 503 before executing.
 */
export abstract class IdempotencyStore {
  /**
   * Creates the record unless a live one exists (exactly one of concurrent callers wins).
   * A record past `expire_at` counts as absent and is replaced.
   */
  abstract claim(tenantId: string, key: string, fresh: IdempotencyRecord): Promise<ClaimResult>;

  /**
   * Replaces the record with `next` (whose `attempt` is `expectedAttempt + 1`) if its attempt
   * is still `expectedAttempt`. Returns false when another caller took it first.
   */
  abstract takeOver(
    tenantId: string,
    key: string,
    expectedAttempt: number,
    next: IdempotencyRecord,
  ): Promise<boolean>;

  /** Records how `attempt` ended (`done` with its outcome, or `unknown`); a stale attempt is ignored. */
  abstract finish(
    tenantId: string,
    key: string,
    attempt: number,
    end: { state: 'done'; outcome: StoredOutcome } | { state: 'unknown' },
  ): Promise<void>;

  /** Forgets the key if `attempt` still holds it (nothing was executed: validation failed). */
  abstract release(tenantId: string, key: string, attempt: number): Promise<void>;

  /** Releases the store's client. */
  abstract close(): Promise<void>;
}
