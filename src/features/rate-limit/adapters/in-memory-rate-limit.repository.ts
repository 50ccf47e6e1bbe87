import { ascendingPage, ScopedRecords } from '../../../backends/memory/scoped-records';
import { ScopedState } from '../../../backends/memory/scoped-state';
import { revised, type VersionedWrite } from '../../../backends/revision';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { RateLimitPolicyVersionConflictError } from '../rate-limit.errors';
import { RateLimitRepository } from '../rate-limit.repository';
import type {
  ConsumeOutcome,
  ConsumeRequest,
  RateLimitPolicy,
  RateLimitPolicyInput,
} from '../rate-limit.types';
import {
  importedPolicies,
  importedWindows,
  policyRecord,
  windowExpiryMs,
  windowId,
  windowRecord,
  type RateLimitWindow,
  type RateLimitWindowEntry,
} from './rate-limit-scope-records';

/**
 * The sliding window log of one key: allowed consumptions, oldest first, timed in
 * microseconds like the Redis and Firestore logs, so a log moved from either keeps its times.
 */
interface Log {
  entries: RateLimitWindowEntry[];
  sum: number;
  /** Epoch ms when the newest entry leaves its window. */
  expiresAtMs: number;
}

/**
 * Dev/test adapter: policies and logs in maps keyed by scope. Each consume runs
 * synchronously, so concurrent calls are decided one after another (exact). Forgets
 * everything at restart.
 */
export class InMemoryRateLimitRepository extends RateLimitRepository implements ScopeData {
  private readonly policies = new ScopedRecords<RateLimitPolicy>();
  /** Logs under their window id (`{action}|{subject}`). */
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
    const key = windowId(request.action, request.subject);
    const log = logs.get(key) ?? { entries: [], sum: 0, expiresAtMs: 0 };
    const windowUs = request.windowMs * 1000;
    const last = log.entries.at(-1)?.at_us ?? 0;
    const now = Math.max(Date.now() * 1000, last + 1);
    while (log.entries.length > 0 && (log.entries[0]?.at_us ?? 0) <= now - windowUs) {
      log.sum -= log.entries.shift()?.cost ?? 0;
    }
    if (log.sum + request.cost <= request.limit) {
      log.entries.push({ at_us: now, cost: request.cost });
      log.sum += request.cost;
      log.expiresAtMs = windowExpiryMs(now, windowUs);
      logs.set(key, log);
      return Promise.resolve({
        allowed: true,
        remaining: request.limit - log.sum,
        resetAtMs: log.expiresAtMs,
        retryAfterMs: 0,
      });
    }
    return Promise.resolve({
      allowed: false,
      remaining: Math.max(0, request.limit - log.sum),
      resetAtMs: windowExpiryMs(last, windowUs),
      retryAfterMs: Math.ceil((retryAt(log, request) - now) / 1000),
    });
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    const policies = this.policies.values(scope).map(policyRecord);
    const windows = [...(this.logs.peek(scope) ?? [])].flatMap(([id, log]) => {
      const record = windowRecord(toWindow(id, log));
      return record === null ? [] : [record];
    });
    return yieldAll([...policies, ...windows]);
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    for (const policy of importedPolicies(records)) this.policies.set(scope, policy.action, policy);
    const logs = this.logs.of(scope);
    for (const window of importedWindows(records)) {
      const entries = window.entries.map((e) => ({ ...e }));
      logs.set(windowId(window.action, window.subject), {
        entries,
        sum: entries.reduce((sum, e) => sum + e.cost, 0),
        expiresAtMs: Date.parse(window.expires_at),
      });
    }
    return Promise.resolve();
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    const held = new Map(this.policies.scopesHeld(tenantId, env).map((s) => [String(s), s]));
    const now = Date.now();
    for (const [scope, logs] of this.logs.scopesOf(tenantId, env)) {
      if ([...logs.values()].some((log) => log.entries.length > 0 && log.expiresAtMs > now))
        held.set(String(scope), scope);
    }
    return Promise.resolve([...held.values()]);
  }

  deleteScope(scope: Scope): Promise<void> {
    this.policies.clear(scope);
    this.logs.delete(scope);
    return Promise.resolve();
  }
}

/** A log as the neutral window record (the id holds action and subject, neither has `|`). */
function toWindow(id: string, log: Log): RateLimitWindow {
  const split = id.indexOf('|');
  return {
    action: id.slice(0, split),
    subject: id.slice(split + 1),
    expires_at: new Date(log.expiresAtMs).toISOString(),
    entries: log.entries.map((e) => ({ ...e })),
  };
}

/** When (µs) enough of the oldest entries have left the window for `cost` to fit. */
function retryAt(log: Log, request: ConsumeRequest): number {
  const windowUs = request.windowMs * 1000;
  const need = log.sum + request.cost - request.limit;
  let freed = 0;
  for (const entry of log.entries) {
    freed += entry.cost;
    if (freed >= need) return entry.at_us + windowUs;
  }
  return (log.entries.at(-1)?.at_us ?? 0) + windowUs;
}
