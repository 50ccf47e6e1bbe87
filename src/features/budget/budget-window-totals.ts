import { addCounters, type Counters } from '../../common/aggregates/counters';
import { planWindow } from '../../common/aggregates/time-buckets';
import type { Scope } from '../../common/scope/scope';
import { usageCounters } from './budget-totals';
import type { BudgetRepository } from './budget.repository';
import { usageSortKey, type UsageFilter } from './budget.types';

/** Events read per page from a raw edge (an edge spans less than a minute). */
const EDGE_PAGE = 1_000;

/**
 * The exact running totals of the usage since `since` (to now and beyond): the bucket
 * totals of every whole minute, hour and day of the window, plus the events of the partial
 * minute it starts in, read raw. The cost does not grow with the number of events in the
 * window, only with its length in buckets and the events of one minute.
 *
 * `filter` narrows only the raw edge read; callers pick matching counters from the result
 * (bucket totals hold every event).
 */
export async function usageTotalsSince(
  repo: BudgetRepository,
  scope: Scope,
  since: string,
  filter: Omit<UsageFilter, 'since' | 'until'> = {},
): Promise<Counters> {
  const plan = planWindow(since);
  const [totals, ...edges] = await Promise.all([
    repo.sumUsageTotals(scope, plan.buckets),
    ...plan.raw.map((range) => rawCounters(repo, scope, { ...filter, ...range })),
  ]);
  for (const edge of edges) addCounters(totals, edge);
  return totals;
}

async function rawCounters(
  repo: BudgetRepository,
  scope: Scope,
  filter: UsageFilter,
): Promise<Counters> {
  const total: Counters = {};
  let before: string | undefined;
  for (;;) {
    const page = await repo.listUsage(scope, filter, { limit: EDGE_PAGE, before });
    for (const e of page) addCounters(total, usageCounters(e));
    const last = page.at(-1);
    if (page.length < EDGE_PAGE || last === undefined) return total;
    before = usageSortKey(last);
  }
}
