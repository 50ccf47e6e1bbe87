import type { Counters } from '../../common/aggregates/counters';
import { totalsOfRecord, totalsRecord } from '../../common/aggregates/totals-records';
import type { ScopeRecord } from '../../common/scope-data/scope-data';
import type { BudgetPolicy, UsageEvent } from './budget.types';

/**
 * The record collections of budget in a move, the same from every adapter: `usage` (id =
 * event id, data = the {@link UsageEvent}), `policies` (id = policy id, data = the
 * {@link BudgetPolicy}; adapters key it by its `(surface, app)` pair, which the data
 * carries) and `usage_totals` (the running totals per day, hour and minute bucket, see
 * `totalsRecord`), so checks, spend and summaries answer the same after a move. Importing
 * events never adds to the totals: the totals records set them.
 */
export const BUDGET_USAGE = 'usage';
export const BUDGET_POLICIES = 'policies';
export const BUDGET_USAGE_TOTALS = 'usage_totals';

export const budgetUsageRecord = (data: UsageEvent): ScopeRecord => ({
  collection: BUDGET_USAGE,
  id: data.id,
  data,
});
export const budgetPolicyRecord = (data: BudgetPolicy): ScopeRecord => ({
  collection: BUDGET_POLICIES,
  id: data.id,
  data,
});
export const budgetTotalsRecord = ([bucket, counters]: [string, Counters]): ScopeRecord =>
  totalsRecord(BUDGET_USAGE_TOTALS, bucket, counters);

/** A batch by collection, totals checked; an unknown collection is refused, not dropped. */
export function budgetRecordsOf(records: readonly ScopeRecord[]): {
  usage: ScopeRecord[];
  policies: ScopeRecord[];
  totals: [string, Counters][];
} {
  const out = {
    usage: [] as ScopeRecord[],
    policies: [] as ScopeRecord[],
    totals: [] as [string, Counters][],
  };
  for (const r of records) {
    if (r.collection === BUDGET_USAGE) out.usage.push(r);
    else if (r.collection === BUDGET_POLICIES) out.policies.push(r);
    else if (r.collection === BUDGET_USAGE_TOTALS) out.totals.push(totalsOfRecord(r));
    else throw new Error(`budget has no collection "${r.collection}" (record ${r.id})`);
  }
  return out;
}

/** The record's data when its `id` is the record's id (a mismatch would store it unfindable). */
export function budgetDataOf<T extends { id: string }>(record: ScopeRecord, data: T): T {
  if (data.id !== record.id) {
    throw new Error(`budget ${record.collection} record ${record.id} holds the data of ${data.id}`);
  }
  return data;
}
