import type { Scope } from '../../common/scope/scope';
import type { AnalyticsEventRepository } from './analytics-event.repository';
import { eventSortKey } from './analytics-event.types';

/**
 * Adds the events created before `before` (ISO-8601 UTC) to the running totals, page by
 * page, newest first; returns how many. For events stored before totals were kept: run it
 * once per scope with `before` = the time every instance writes totals (after a full
 * rollout), never twice for the same events (totals would count them twice).
 */
export async function backfillEventTotals(
  repo: AnalyticsEventRepository,
  scope: Scope,
  before: string,
  pageSize = 500,
): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await repo.list(scope, { until: before }, { limit: pageSize, before: cursor });
    if (page.length > 0) await repo.addTotals(scope, page);
    count += page.length;
    const last = page.at(-1);
    if (page.length < pageSize || last === undefined) return count;
    cursor = eventSortKey(last);
  }
}
