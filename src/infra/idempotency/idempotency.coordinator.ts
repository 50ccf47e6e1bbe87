import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { withTimeout } from '../../backends/with-timeout';
import { backendsConfig } from '../../config/backends.config';
import { DomainError } from '../../common/errors/domain.error';
import { mapError } from '../../common/errors/http-error.mapper';
import { runWithIdSeed } from '../../common/ids/id-seed';
import {
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  IdempotencyStoreUnavailableError,
} from '../../common/errors/idempotency.errors';
import { IdempotencyStore, type IdempotencyRecord, type StoredOutcome } from './idempotency.store';

/** Keys are remembered this long after their first attempt (the draft asks servers to publish it). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** One POST carrying an Idempotency-Key, as the interceptor hands it over. */
export interface IdempotentRequest {
  tenantId: string;
  key: string;
  fingerprint: string;
  /** Runs the handler; resolves with the response body. */
  execute(): Promise<unknown>;
  /** The response's status and replayable headers once `execute` has resolved. */
  describe(body: unknown): { status: number; headers: Record<string, string> };
  /** Applies a stored response's status and headers to the current response. */
  replay(status: number, headers: Record<string, string>): void;
}

/**
 * Executes a request at most once per `(tenant, Idempotency-Key)` with a known outcome:
 * claim the key before executing, store the outcome after, replay it to retries. An attempt
 * that ends without a known outcome (5xx) leaves the key `unknown`; the next retry executes
 * again with the same generated ids, so writes that landed late are overwritten or found,
 * never duplicated (see docs/idempotency.md).
 */
@Injectable()
export class IdempotencyCoordinator {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(backendsConfig.KEY) private readonly backends: ConfigType<typeof backendsConfig>,
  ) {}

  async run(req: IdempotentRequest): Promise<unknown> {
    const record = await this.acquire(req);
    if (record.state === 'done' && record.outcome !== null) return this.replay(req, record.outcome);
    const seed = JSON.stringify([req.tenantId, req.key]);
    let body: unknown;
    try {
      body = await runWithIdSeed(seed, record.first_attempt_at, () => req.execute());
    } catch (err) {
      await this.settleFailure(req, record.attempt, err);
      throw err;
    }
    const { status, headers } = req.describe(body);
    const outcome: StoredOutcome = { kind: 'response', status, body, headers };
    await this.bounded(req.key, (s) =>
      s.finish(req.tenantId, req.key, record.attempt, { state: 'done', outcome }),
    ).catch((err: unknown) => this.logger.warn({ err, key: req.key }, 'Outcome not stored'));
    return body;
  }

  /** The record this attempt holds, or a finished one to replay; throws 409/422/503. */
  private async acquire(req: IdempotentRequest): Promise<IdempotencyRecord> {
    const now = Date.now();
    const fresh: IdempotencyRecord = {
      fingerprint: req.fingerprint,
      state: 'running',
      attempt: 1,
      first_attempt_at: now,
      lease_until: now + this.leaseMs,
      expire_at: now + IDEMPOTENCY_KEY_TTL_MS,
      outcome: null,
    };
    const { claimed, record } = await this.bounded(req.key, (s) =>
      s.claim(req.tenantId, req.key, fresh),
    );
    if (claimed) return record;
    if (record.fingerprint !== req.fingerprint) throw new IdempotencyKeyReusedError(req.key);
    if (record.state === 'done') return record;
    if (record.state === 'running' && record.lease_until > now) throw this.inProgress(req.key);
    const next = {
      ...record,
      state: 'running' as const,
      attempt: record.attempt + 1,
      lease_until: now + this.leaseMs,
    };
    const taken = await this.bounded(req.key, (s) =>
      s.takeOver(req.tenantId, req.key, record.attempt, next),
    );
    if (!taken) throw this.inProgress(req.key);
    return next;
  }

  private replay(req: IdempotentRequest, outcome: StoredOutcome): unknown {
    if (outcome.kind === 'error') {
      const { code, category, message, details, headers } = outcome;
      throw new DomainError(code, category, message, details, {
        ...headers,
        'Idempotent-Replayed': 'true',
      });
    }
    req.replay(outcome.status, { ...outcome.headers, 'idempotent-replayed': 'true' });
    return outcome.body;
  }

  /**
   * Validation failures and other refusals before any effect free the key (the draft expects
   * the client to correct such a request, reusing the key); other 4xx domain errors are
   * outcomes and replayed; 5xx leaves the outcome unknown, so a retry executes again.
   */
  private async settleFailure(
    req: IdempotentRequest,
    attempt: number,
    err: unknown,
  ): Promise<void> {
    const mapped = mapError(err);
    const { tenantId, key } = req;
    const settle =
      mapped.status >= 500
        ? (s: IdempotencyStore) => s.finish(tenantId, key, attempt, { state: 'unknown' })
        : err instanceof DomainError && !NOT_EXECUTED.has(err.category)
          ? (s: IdempotencyStore) =>
              s.finish(tenantId, key, attempt, { state: 'done', outcome: storedError(err) })
          : (s: IdempotencyStore) => s.release(tenantId, key, attempt);
    await this.bounded(key, settle).catch((e: unknown) =>
      this.logger.warn({ err: e, key }, 'Idempotency-Key not settled after a failure'),
    );
  }

  private get leaseMs(): number {
    return Math.max(60_000, 6 * this.backends.timeoutMs);
  }

  private inProgress(key: string): IdempotencyInProgressError {
    return new IdempotencyInProgressError(
      key,
      Math.max(1, Math.ceil(this.backends.timeoutMs / 1000)),
    );
  }

  /** A store call bounded like a backend call; any failure is 503 `idempotency.store_unavailable`. */
  private async bounded<T>(key: string, call: (store: IdempotencyStore) => Promise<T>): Promise<T> {
    try {
      return await withTimeout(call(this.store), this.backends.timeoutMs, 'idempotency store');
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new IdempotencyStoreUnavailableError(
        key,
        err instanceof Error ? err.message : String(err),
      );
    }
  }
}

/** Categories that mean the request was refused before it changed anything. */
const NOT_EXECUTED = new Set([
  'invalid',
  'unauthenticated',
  'forbidden',
  'too_large',
  'rate_limited',
]);

function storedError(err: DomainError): StoredOutcome {
  const { code, category, message, details, headers } = err;
  return { kind: 'error', code, category, message, details, headers };
}
