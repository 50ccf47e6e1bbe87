import type { CollectionReference } from '@google-cloud/firestore';
import { ClosedBucketCache } from '../../../backends/firestore/closed-bucket-cache';
import { ShardedCounters } from '../../../backends/firestore/sharded-counters';
import {
  isAlreadyExists,
  type FirestoreHandle,
} from '../../../backends/firestore/firestore.driver';
import { readDescending, whereEqual } from '../../../backends/firestore/keyset-query';
import { getRecord, upsertDocument } from '../../../backends/firestore/record-documents';
import { scopeFields, withScopeFields } from '../../../backends/firestore/scope-fields';
import { countersByBucket, type Counters } from '../../../common/aggregates/counters';
import type { BucketRange } from '../../../common/aggregates/time-buckets';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { usageCounters } from '../budget-totals';
import { revisePolicy } from '../budget-policy.revision';
import { BudgetRepository } from '../budget.repository';
import {
  usageSortKey,
  type BudgetPolicy,
  type BudgetPolicyInput,
  type KeysetPage,
  type UsageEvent,
  type UsageFilter,
} from '../budget.types';
import { policyId, toPolicy, toUsageEvent } from './firestore-budget.records';
import {
  budgetScopesHeld,
  deleteBudgetScope,
  exportBudgetScope,
  importBudgetRecords,
} from './firestore-budget.scope-data';

/** Shard documents per totals bucket: how many concurrent writers a bucket absorbs. */
export const USAGE_TOTAL_SHARDS = 4;

const EQUALITY_FIELDS = ['surface', 'provider', 'tool_id', 'app', 'currency'] as const;

/**
 * Collections under the scope's path: `budget_usage` (document id = event id; `sort_key` =
 * created_at|id; every filtered field top-level) and `budget_policies` (document id =
 * escaped `(surface, app)`, so a pair never has two policies). Filtered lists need composite
 * indexes on real Firestore: each used combination of surface/provider/tool_id/app/currency
 * equality with `sort_key` descending. `budget_usage_totals` holds the running totals
 * ({@link ShardedCounters}): an append writes the events and the increments of their
 * buckets in one batch, so on Firestore totals and ledger never disagree.
 */
export class FirestoreBudgetRepository extends BudgetRepository implements ScopeData {
  /** Sums of closed buckets, reused across requests (they no longer change). */
  private readonly closedTotals = new ClosedBucketCache();

  constructor(private readonly fs: FirestoreHandle) {
    super();
  }

  async appendUsage(scope: Scope, events: UsageEvent[]): Promise<UsageEvent[]> {
    const col = this.fs.scoped(scope, 'budget_usage');
    const refs = events.map((e) => col.doc(e.id));
    const batch = this.fs.db.batch();
    // The creates first: where one fails nothing of the batch applies (the emulator, which
    // applies a batch write by write, stops there too), so totals are never counted twice.
    events.forEach((e) =>
      batch.create(col.doc(e.id), { ...e, sort_key: usageSortKey(e), ...scopeFields(scope) }),
    );
    this.totals(scope).add(batch, totalsOf(events), scopeFields(scope));
    try {
      await batch.commit();
      return events;
    } catch (err) {
      // Ids are unique, so existing ones are an earlier attempt of this idempotent request.
      if (!isAlreadyExists(err)) throw err;
      const stored = await this.fs.db.getAll(...refs);
      if (!stored.every((d) => d.exists)) throw err;
      return stored.map((d) => toUsageEvent(d.data() ?? {}));
    }
  }

  sumUsageTotals(scope: Scope, ranges: readonly BucketRange[]): Promise<Counters> {
    return this.totals(scope).sum(ranges);
  }

  async addUsageTotals(scope: Scope, events: readonly UsageEvent[]): Promise<void> {
    const batch = this.fs.db.batch();
    this.totals(scope).add(batch, totalsOf(events), scopeFields(scope));
    await batch.commit();
  }

  getUsage(scope: Scope, id: string): Promise<UsageEvent | null> {
    return getRecord(this.fs.scoped(scope, 'budget_usage').doc(id), toUsageEvent);
  }

  listUsage(scope: Scope, filter: UsageFilter, page: KeysetPage): Promise<UsageEvent[]> {
    const equal = Object.fromEntries(EQUALITY_FIELDS.map((field) => [field, filter[field]]));
    const query = whereEqual(this.fs.scoped(scope, 'budget_usage'), equal);
    const window = { ...page, from: filter.since, until: filter.until };
    return readDescending(query, toUsageEvent, window, 'sort_key');
  }

  getPolicy(scope: Scope, surface: string, app: string): Promise<BudgetPolicy | null> {
    return getRecord(this.policies(scope).doc(policyId(surface, app)), toPolicy);
  }

  putPolicy(
    scope: Scope,
    input: BudgetPolicyInput,
    write: { actor: string; expectedVersion?: number },
  ): Promise<BudgetPolicy> {
    return upsertDocument(
      this.fs.db,
      this.policies(scope).doc(policyId(input.surface, input.app)),
      { read: toPolicy, write: withScopeFields(scope) },
      (current) => revisePolicy(current, input, write),
    );
  }

  listPolicies(scope: Scope, page: KeysetPage): Promise<BudgetPolicy[]> {
    return readDescending(this.policies(scope), toPolicy, page);
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return exportBudgetScope(this.fs, scope, this.totals(scope));
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    return importBudgetRecords(this.fs, scope, this.totals(scope), records);
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return budgetScopesHeld(this.fs, tenantId, env);
  }

  deleteScope(scope: Scope): Promise<void> {
    return deleteBudgetScope(this.fs, scope, this.totals(scope));
  }

  private totals(scope: Scope): ShardedCounters {
    return new ShardedCounters(
      this.fs.scoped(scope, 'budget_usage_totals'),
      USAGE_TOTAL_SHARDS,
      this.closedTotals,
    );
  }

  private policies(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'budget_policies');
  }
}

function totalsOf(events: readonly UsageEvent[]): Map<string, Counters> {
  return countersByBucket(events, (e) => e.created_at, usageCounters);
}
