import { BucketCounters } from '../../../backends/memory/bucket-counters';
import {
  descendingPage,
  newestFirst,
  ScopedRecords,
} from '../../../backends/memory/scoped-records';
import { ScopedState } from '../../../backends/memory/scoped-state';
import { countersByBucket, type Counters } from '../../../common/aggregates/counters';
import type { BucketRange } from '../../../common/aggregates/time-buckets';
import { uniqueScopes } from '../../../backends/memory/held-scopes';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { revisePolicy } from '../budget-policy.revision';
import { usageCounters } from '../budget-totals';
import { BudgetRepository } from '../budget.repository';
import {
  budgetPolicyRecord,
  budgetRecordsOf,
  budgetTotalsRecord,
  budgetUsageRecord,
} from '../budget.scope-data';
import {
  usageSortKey,
  type BudgetPolicy,
  type BudgetPolicyInput,
  type KeysetPage,
  type UsageEvent,
  type UsageFilter,
} from '../budget.types';

const EQUALITY_FIELDS = ['surface', 'provider', 'tool_id', 'app', 'currency'] as const;

function matches(e: UsageEvent, filter: UsageFilter): boolean {
  if (filter.since !== undefined && e.created_at < filter.since) return false;
  if (filter.until !== undefined && usageSortKey(e) >= filter.until) return false;
  return EQUALITY_FIELDS.every((f) => filter[f] === undefined || e[f] === filter[f]);
}

/**
 * Dev/test adapter: usage events and policies keyed by scope, running totals per bucket
 * (unsharded: one process has no write contention). Forgets everything at restart.
 */
export class InMemoryBudgetRepository extends BudgetRepository implements ScopeData {
  private readonly usage = new ScopedRecords<UsageEvent>();
  private readonly policies = new ScopedRecords<BudgetPolicy>();
  private readonly totals = new ScopedState(() => new BucketCounters());

  appendUsage(scope: Scope, events: UsageEvent[]): Promise<UsageEvent[]> {
    // Ids are unique, so stored ones are an earlier attempt of this idempotent request.
    const stored = events.map((e) => this.usage.get(scope, e.id));
    if (stored.every((u): u is UsageEvent => u !== null)) return Promise.resolve(stored);
    this.totals.of(scope).add(countersByBucket(events, (e) => e.created_at, usageCounters));
    return Promise.resolve(events.map((e) => this.usage.set(scope, e.id, e)));
  }

  sumUsageTotals(scope: Scope, ranges: readonly BucketRange[]): Promise<Counters> {
    return Promise.resolve(this.totals.of(scope).sum(ranges));
  }

  addUsageTotals(scope: Scope, events: readonly UsageEvent[]): Promise<void> {
    this.totals.of(scope).add(countersByBucket(events, (e) => e.created_at, usageCounters));
    return Promise.resolve();
  }

  getUsage(scope: Scope, id: string): Promise<UsageEvent | null> {
    return Promise.resolve(this.usage.get(scope, id));
  }

  listUsage(scope: Scope, filter: UsageFilter, page: KeysetPage): Promise<UsageEvent[]> {
    const matching = this.usage.values(scope).filter((e) => matches(e, filter));
    return Promise.resolve(descendingPage(matching, usageSortKey, page));
  }

  getPolicy(scope: Scope, surface: string, app: string): Promise<BudgetPolicy | null> {
    return Promise.resolve(this.policies.get(scope, policyKey(surface, app)));
  }

  putPolicy(
    scope: Scope,
    input: BudgetPolicyInput,
    write: { actor: string; expectedVersion?: number },
  ): Promise<BudgetPolicy> {
    const key = policyKey(input.surface, input.app);
    return Promise.resolve().then(() =>
      this.policies.upsert(scope, key, (current) => revisePolicy(current, input, write)),
    );
  }

  listPolicies(scope: Scope, page: KeysetPage): Promise<BudgetPolicy[]> {
    return Promise.resolve(newestFirst(this.policies.values(scope), page.before, page.limit));
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return yieldAll([
      ...this.usage.values(scope).map(budgetUsageRecord),
      ...this.policies.values(scope).map(budgetPolicyRecord),
      ...(this.totals.peek(scope)?.entries() ?? []).map(budgetTotalsRecord),
    ]);
  }

  /** Events are stored without adding totals: the totals records set their buckets. */
  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const { usage, policies, totals } = budgetRecordsOf(records);
    for (const r of usage) this.usage.set(scope, r.id, r.data as UsageEvent);
    for (const r of policies) {
      const p = r.data as BudgetPolicy;
      this.policies.set(scope, policyKey(p.surface, p.app), p);
    }
    for (const [bucket, counters] of totals) this.totals.of(scope).set(bucket, counters);
    return Promise.resolve();
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    const withTotals = this.totals
      .scopesOf(tenantId, env)
      .filter(([, totals]) => totals.size > 0)
      .map(([scope]) => scope);
    return Promise.resolve(
      uniqueScopes(
        this.usage.scopesHeld(tenantId, env),
        this.policies.scopesHeld(tenantId, env),
        withTotals,
      ),
    );
  }

  deleteScope(scope: Scope): Promise<void> {
    this.usage.clear(scope);
    this.policies.clear(scope);
    this.totals.delete(scope);
    return Promise.resolve();
  }
}

function policyKey(surface: string, app: string): string {
  return JSON.stringify([surface, app]);
}
