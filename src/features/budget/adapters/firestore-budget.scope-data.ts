import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import {
  deleteCollections,
  documentsOf,
  scopesHeldOn,
  setDocuments,
} from '../../../backends/firestore/scope-documents';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import type { ShardedCounters } from '../../../backends/firestore/sharded-counters';
import type { ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import {
  budgetDataOf,
  budgetPolicyRecord,
  budgetRecordsOf,
  budgetTotalsRecord,
  budgetUsageRecord,
} from '../budget.scope-data';
import { usageSortKey } from '../budget.types';
import { policyId, toPolicy, toUsageEvent } from './firestore-budget.records';

/**
 * The scope data of the Firestore budget adapter: the ledger, the policies and the running
 * totals (summed over their shards, `totals` being the adapter's sharded counters of the
 * scope) as the records of `budget.scope-data.ts`. An import checks each record with the
 * adapter's reader, writes the whole document the adapter writes (scope fields, `sort_key`)
 * and sets each totals bucket to the counters it carries.
 */
export async function* exportBudgetScope(
  fs: FirestoreHandle,
  scope: Scope,
  totals: ShardedCounters,
): AsyncIterable<ScopeRecord> {
  for await (const doc of documentsOf(fs.scoped(scope, 'budget_usage'))) {
    yield budgetUsageRecord(toUsageEvent(doc.data()));
  }
  for await (const doc of documentsOf(fs.scoped(scope, 'budget_policies'))) {
    yield budgetPolicyRecord(toPolicy(doc.data()));
  }
  for await (const bucket of totals.buckets()) yield budgetTotalsRecord(bucket);
}

export async function importBudgetRecords(
  fs: FirestoreHandle,
  scope: Scope,
  totals: ShardedCounters,
  records: readonly ScopeRecord[],
): Promise<void> {
  const { usage, policies, totals: buckets } = budgetRecordsOf(records);
  const fields = scopeFields(scope);
  const usageCol = fs.scoped(scope, 'budget_usage');
  const policiesCol = fs.scoped(scope, 'budget_policies');
  await setDocuments(usageCol, [
    ...usage.map((r) => {
      const e = budgetDataOf(r, toUsageEvent(r.data as object));
      return [usageCol.doc(e.id), { ...e, sort_key: usageSortKey(e), ...fields }] as const;
    }),
    ...policies.map((r) => {
      const p = budgetDataOf(r, toPolicy(r.data as object));
      return [policiesCol.doc(policyId(p.surface, p.app)), { ...p, ...fields }] as const;
    }),
  ]);
  await totals.replace(buckets, fields);
}

export function budgetScopesHeld(
  fs: FirestoreHandle,
  tenantId: string,
  env: Env,
): Promise<Scope[]> {
  return scopesHeldOn(fs, tenantId, env, [
    'budget_usage',
    'budget_policies',
    'budget_usage_totals',
  ]);
}

export async function deleteBudgetScope(
  fs: FirestoreHandle,
  scope: Scope,
  totals: ShardedCounters,
): Promise<void> {
  await deleteCollections([fs.scoped(scope, 'budget_usage'), fs.scoped(scope, 'budget_policies')]);
  await totals.clear();
}
