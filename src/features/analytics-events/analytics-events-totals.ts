import { counterKey, counterKeyValue, type Counters } from '../../common/aggregates/counters';
import type { AnalyticsEvent, SummaryGroupBy } from './analytics-events.types';

/**
 * The running totals of events as named counters: `n` (events) and `g_{dim}_{key}` (events
 * per value of a summary dimension; keys are {@link counterKey}s).
 */
const DIMENSIONS: Record<SummaryGroupBy, string> = { type: 'y', surface: 's', utm_source: 'u' };

/** What one event adds to the running totals. */
export function eventCounters(e: AnalyticsEvent): Counters {
  const counters: Counters = { n: 1 };
  for (const [dim, code] of Object.entries(DIMENSIONS) as [SummaryGroupBy, string][])
    counters[`g_${code}_${counterKey(e[dim])}`] = 1;
  return counters;
}

/** Event counts per group, sorted by key, events without a value (null) last. */
export function eventGroupsFrom(
  counters: Counters,
  groupBy: SummaryGroupBy,
): { key: string | null; count: number }[] {
  const prefix = `g_${DIMENSIONS[groupBy]}_`;
  return Object.entries(counters)
    .filter(([name, count]) => name.startsWith(prefix) && count > 0)
    .map(([name, count]) => ({ key: counterKeyValue(name.slice(prefix.length)), count }))
    .sort(({ key: a }, { key: b }) =>
      a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1,
    );
}
