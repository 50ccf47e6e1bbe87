import type { Counters } from '../../common/aggregates/counters';
import { totalsOfRecord, totalsRecord } from '../../common/aggregates/totals-records';
import type { ScopeRecord } from '../../common/scope-data/scope-data';
import type { AnalyticsEvent } from './analytics-events.types';

/**
 * The record collections of analytics_events in a move, the same from every adapter:
 * `events` (id = event id, data = the {@link AnalyticsEvent}) and `totals` (the running
 * totals per day, hour and minute bucket, see `totalsRecord`), so summaries answer the same
 * after a move. Importing events never adds to the totals: the totals records set them.
 */
export const ANALYTICS_EVENTS = 'events';
export const ANALYTICS_EVENT_TOTALS = 'totals';

export const analyticsEventRecord = (data: AnalyticsEvent): ScopeRecord => ({
  collection: ANALYTICS_EVENTS,
  id: data.id,
  data,
});
export const analyticsTotalsRecord = ([bucket, counters]: [string, Counters]): ScopeRecord =>
  totalsRecord(ANALYTICS_EVENT_TOTALS, bucket, counters);

/** A batch by collection, totals checked; an unknown collection is refused, not dropped. */
export function analyticsRecordsOf(records: readonly ScopeRecord[]): {
  events: ScopeRecord[];
  totals: [string, Counters][];
} {
  const out = { events: [] as ScopeRecord[], totals: [] as [string, Counters][] };
  for (const r of records) {
    if (r.collection === ANALYTICS_EVENTS) out.events.push(r);
    else if (r.collection === ANALYTICS_EVENT_TOTALS) out.totals.push(totalsOfRecord(r));
    else throw new Error(`analytics_events has no collection "${r.collection}" (record ${r.id})`);
  }
  return out;
}
