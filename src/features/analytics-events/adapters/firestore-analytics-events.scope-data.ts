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
  analyticsEventRecord,
  analyticsRecordsOf,
  analyticsTotalsRecord,
} from '../analytics-events.scope-data';
import { eventSortKey } from '../analytics-events.types';
import { toEvent } from './firestore-analytics-events.records';

/**
 * The scope data of the Firestore analytics_events adapter: the events and the running
 * totals (summed over their shards, `totals` being the adapter's sharded counters of the
 * scope) as the records of `analytics-events.scope-data.ts`. An import checks each event
 * with the adapter's reader, writes the whole document the adapter writes (scope fields,
 * `sort_key`) and sets each totals bucket to the counters it carries.
 */
export async function* exportAnalyticsScope(
  fs: FirestoreHandle,
  scope: Scope,
  totals: ShardedCounters,
): AsyncIterable<ScopeRecord> {
  for await (const doc of documentsOf(fs.scoped(scope, 'analytics_events'))) {
    yield analyticsEventRecord(toEvent(doc.data()));
  }
  for await (const bucket of totals.buckets()) yield analyticsTotalsRecord(bucket);
}

export async function importAnalyticsRecords(
  fs: FirestoreHandle,
  scope: Scope,
  totals: ShardedCounters,
  records: readonly ScopeRecord[],
): Promise<void> {
  const { events, totals: buckets } = analyticsRecordsOf(records);
  const fields = scopeFields(scope);
  const col = fs.scoped(scope, 'analytics_events');
  await setDocuments(
    col,
    events.map((r) => {
      const e = toEvent(r.data as object);
      if (e.id !== r.id) throw new Error(`analytics event record ${r.id} holds event ${e.id}`);
      return [col.doc(e.id), { ...e, sort_key: eventSortKey(e), ...fields }] as const;
    }),
  );
  await totals.replace(buckets, fields);
}

export function analyticsScopesHeld(
  fs: FirestoreHandle,
  tenantId: string,
  env: Env,
): Promise<Scope[]> {
  return scopesHeldOn(fs, tenantId, env, ['analytics_events', 'analytics_event_totals']);
}

export async function deleteAnalyticsScope(
  fs: FirestoreHandle,
  scope: Scope,
  totals: ShardedCounters,
): Promise<void> {
  await deleteCollections([fs.scoped(scope, 'analytics_events')]);
  await totals.clear();
}
