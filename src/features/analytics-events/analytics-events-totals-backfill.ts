import { backfillTotals } from '../../common/aggregates/backfill-pages';
import type { Scope } from '../../common/scope/scope';
import type { AnalyticsEventsRepository } from './analytics-events.repository';
import { type AnalyticsEvent, eventSortKey } from './analytics-events.types';

/**
 * Adds the events created before `before` (ISO-8601 UTC) to the running totals, page by
 * page, newest first; returns how many. For events stored before totals were kept: run it
 * once per scope with `before` = the time every instance writes totals (after a full
 * rollout), never twice for the same events (totals would count them twice).
 */
export function backfillEventTotals(
  repo: AnalyticsEventsRepository,
  scope: Scope,
  before: string,
  pageSize = 500,
): Promise<number> {
  return backfillTotals<AnalyticsEvent>(
    {
      page: (limit, cursor) => repo.list(scope, { until: before }, { limit, before: cursor }),
      addTotals: (events) => repo.addTotals(scope, events),
      sortKey: eventSortKey,
    },
    pageSize,
  );
}
