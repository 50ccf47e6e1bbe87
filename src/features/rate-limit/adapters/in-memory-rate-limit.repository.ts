import { ascendingPage, ScopedRecords } from '../../../backends/memory/scoped-records';
import { ScopedState } from '../../../backends/memory/scoped-state';
import { revised, type VersionedWrite } from '../../../backends/revision';
import type { Scope } from '../../../common/scope/scope';
import { RateLimitPolicyVersionConflictError } from '../rate-limit.errors';
import { RateLimitRepository } from '../rate-limit.repository';
import type {
  ConsumeOutcome,
  ConsumeRequest,
  RateLimitPolicy,
  RateLimitPolicyInput,
} from '../rate-limit.types';

/** The sliding window log of one key: allowed consumptions, oldest first. */
interface Log {
  entries: { at: number; cost: number }[];
  sum: number;
}

/**
 * Dev/test adapter: policies and logs in maps keyed by scope. Each consume runs
 * synchronously, so concurrent calls are decided one after another (exact). Forgets
 * everything at restart.
 */
export class InMemoryRateLimitRepository extends RateLimitRepository {
  private readonly policies = new ScopedRecords<RateLimitPolicy>();
  /** Logs under `[action, subject]` as JSON. */
  private readonly logs = new ScopedState(() => new Map<string, Log>());

  getPolicy(scope: Scope, action: string): Promise<RateLimitPolicy | null> {
    return Promise.resolve(this.policies.get(scope, action));
  }

  putPolicy(
    scope: Scope,
    action: string,
    input: RateLimitPolicyInput,
    write: VersionedWrite,
  ): Promise<RateLimitPolicy> {
    const fields = { action, limit: input.limit, window_seconds: input.window_seconds };
    const change = revised(fields, write, RateLimitPolicyVersionConflictError);
    return Promise.resolve().then(() => this.policies.upsert(scope, action, change));
  }

  listPolicies(scope: Scope, page: { limit: number; after?: string }): Promise<RateLimitPolicy[]> {
    return Promise.resolve(ascendingPage(this.policies.values(scope), (p) => p.action, page));
  }

  consume(scope: Scope, request: ConsumeRequest): Promise<ConsumeOutcome> {
    const logs = this.logs.of(scope);
    const key = JSON.stringify([request.action, request.subject]);
    const log = logs.get(key) ?? { entries: [], sum: 0 };
    logs.set(key, log);
    const last = log.entries.at(-1)?.at ?? 0;
    const now = Math.max(Date.now(), last);
    while (
      log.entries.length > 0 &&
      (log.entries[0] as { at: number }).at <= now - request.windowMs
    ) {
      log.sum -= (log.entries.shift() as { cost: number }).cost;
    }
    if (log.sum + request.cost <= request.limit) {
      log.entries.push({ at: now, cost: request.cost });
      log.sum += request.cost;
      return Promise.resolve({
        allowed: true,
        remaining: request.limit - log.sum,
        resetAtMs: now + request.windowMs,
        retryAfterMs: 0,
      });
    }
    return Promise.resolve({
      allowed: false,
      remaining: Math.max(0, request.limit - log.sum),
      resetAtMs: last + request.windowMs,
      retryAfterMs: retryAt(log, request) - now,
    });
  }
}

/** When enough of the oldest entries have left the window for `cost` to fit. */
function retryAt(log: Log, request: ConsumeRequest): number {
  const need = log.sum + request.cost - request.limit;
  let freed = 0;
  for (const entry of log.entries) {
    freed += entry.cost;
    if (freed >= need) return entry.at + request.windowMs;
  }
  return (log.entries.at(-1)?.at ?? 0) + request.windowMs;
}
