import { BucketCounters } from '../../../backends/memory/bucket-counters';
import { newestFirst } from '../../../backends/memory/scoped-records';
import { countersByBucket, type Counters } from '../../../common/aggregates/counters';
import type { BucketRange } from '../../../common/aggregates/time-buckets';
import type { Scope } from '../../../common/scope/scope';
import { revisePolicy } from '../budget-policy.revision';
import { usageCounters } from '../budget-totals';
import { BudgetRepository } from '../budget.repository';
import {
  usageSortKey,
  type BudgetPolicy,
  type BudgetPolicyInput,
  type KeysetPage,
  type UsageEvent,
  type UsageFilter,
} from '../budget.types';

interface ScopeData {
  usage: UsageEvent[];
  policies: Map<string, BudgetPolicy>;
  totals: BucketCounters;
}

const EQUALITY_FIELDS = ['surface', 'provider', 'tool_id', 'app', 'currency'] as const;

function matches(e: UsageEvent, filter: UsageFilter): boolean {
  if (filter.since !== undefined && e.created_at < filter.since) return false;
  if (filter.until !== undefined && usageSortKey(e) >= filter.until) return false;
  return EQUALITY_FIELDS.every((f) => filter[f] === undefined || e[f] === filter[f]);
}

/**
 * Dev/test adapter: arrays and maps keyed by scope, running totals per bucket (unsharded: one
 * process has no write contention). Forgets everything at restart.
 */
export class InMemoryBudgetRepository extends BudgetRepository {
  private readonly scopes = new Map<string, ScopeData>();

  appendUsage(scope: Scope, events: UsageEvent[]): Promise<UsageEvent[]> {
    const data = this.data(scope);
    // Ids are unique, so stored ones are an earlier attempt of this idempotent request.
    const stored = events.map((e) => data.usage.find((u) => u.id === e.id));
    if (stored.every((u) => u !== undefined)) return Promise.resolve(structuredClone(stored));
    data.usage.push(...structuredClone(events));
    data.totals.add(countersByBucket(events, (e) => e.created_at, usageCounters));
    return Promise.resolve(structuredClone(events));
  }

  sumUsageTotals(scope: Scope, ranges: readonly BucketRange[]): Promise<Counters> {
    return Promise.resolve(this.data(scope).totals.sum(ranges));
  }

  addUsageTotals(scope: Scope, events: readonly UsageEvent[]): Promise<void> {
    this.data(scope).totals.add(countersByBucket(events, (e) => e.created_at, usageCounters));
    return Promise.resolve();
  }

  getUsage(scope: Scope, id: string): Promise<UsageEvent | null> {
    const found = this.data(scope).usage.find((e) => e.id === id);
    return Promise.resolve(found === undefined ? null : structuredClone(found));
  }

  listUsage(scope: Scope, filter: UsageFilter, page: KeysetPage): Promise<UsageEvent[]> {
    const items = this.data(scope)
      .usage.filter(
        (e) => matches(e, filter) && (page.before === undefined || usageSortKey(e) < page.before),
      )
      .sort((a, b) => (usageSortKey(a) < usageSortKey(b) ? 1 : -1))
      .slice(0, page.limit);
    return Promise.resolve(structuredClone(items));
  }

  getPolicy(scope: Scope, surface: string, app: string): Promise<BudgetPolicy | null> {
    const found = this.data(scope).policies.get(JSON.stringify([surface, app]));
    return Promise.resolve(found === undefined ? null : structuredClone(found));
  }

  putPolicy(
    scope: Scope,
    input: BudgetPolicyInput,
    write: { actor: string; expectedVersion?: number },
  ): Promise<BudgetPolicy> {
    const { policies } = this.data(scope);
    const key = JSON.stringify([input.surface, input.app]);
    return new Promise((resolve) => {
      const next = revisePolicy(policies.get(key) ?? null, input, write);
      policies.set(key, next);
      resolve(structuredClone(next));
    });
  }

  listPolicies(scope: Scope, page: KeysetPage): Promise<BudgetPolicy[]> {
    const policies = [...this.data(scope).policies.values()];
    return Promise.resolve(structuredClone(newestFirst(policies, page.before, page.limit)));
  }

  private data(scope: Scope): ScopeData {
    let data = this.scopes.get(scope.toString());
    if (data === undefined) {
      data = { usage: [], policies: new Map(), totals: new BucketCounters() };
      this.scopes.set(scope.toString(), data);
    }
    return data;
  }
}
