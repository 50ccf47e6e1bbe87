import { addCounters, type Counters } from '../../common/aggregates/counters';
import { planWindow } from '../../common/aggregates/time-buckets';
import type { Scope } from '../../common/scope/scope';
import { eventCounters } from './analytics-events-totals';
import type { AnalyticsEventsRepository } from './analytics-events.repository';
import { eventSortKey } from './analytics-events.types';

/** Events read per page from a raw edge (an edge spans less than a minute). */
const EDGE_PAGE = 1_000;
/** Where a range without `since` starts: before any event. */
const BEGINNING = '1970-01-01T00:00:00.000Z';

/**
 * The exact running totals of the events in `[since, until)` (ISO-8601 UTC, both optional):
 * bucket totals of every whole minute, hour and day of the range plus the events of the
 * partial minutes at its edges, read raw. The cost grows with the length of the range in
 * buckets and the events of two minutes, never with the events of the whole range.
 */
export async function eventTotals(
  repo: AnalyticsEventsRepository,
  scope: Scope,
  range: { since?: string; until?: string },
): Promise<Counters> {
  const plan = planWindow(range.since ?? BEGINNING, range.until);
  const [totals, ...edges] = await Promise.all([
    repo.sumTotals(scope, plan.buckets),
    ...plan.raw.map((raw) => rawCounters(repo, scope, raw)),
  ]);
  for (const edge of edges) addCounters(totals, edge);
  return totals;
}

async function rawCounters(
  repo: AnalyticsEventsRepository,
  scope: Scope,
  range: { since: string; until: string },
): Promise<Counters> {
  const total: Counters = {};
  let before: string | undefined;
  for (;;) {
    const page = await repo.list(scope, range, { limit: EDGE_PAGE, before });
    for (const e of page) addCounters(total, eventCounters(e));
    const last = page.at(-1);
    if (page.length < EDGE_PAGE || last === undefined) return total;
    before = eventSortKey(last);
  }
}
