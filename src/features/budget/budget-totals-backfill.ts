import { backfillTotals } from '../../common/aggregates/backfill-pages';
import type { Scope } from '../../common/scope/scope';
import type { BudgetRepository } from './budget.repository';
import { type UsageEvent, usageSortKey } from './budget.types';

/**
 * Adds the usage events created before `before` (ISO-8601 UTC) to the running totals, page
 * by page, newest first; returns how many. For ledgers written before totals were kept: run
 * it once per scope with `before` = the time every instance writes totals (after a full
 * rollout), never twice for the same events (totals would count them twice).
 */
export function backfillUsageTotals(
  repo: BudgetRepository,
  scope: Scope,
  before: string,
  pageSize = 500,
): Promise<number> {
  return backfillTotals<UsageEvent>(
    {
      page: (limit, cursor) => repo.listUsage(scope, { until: before }, { limit, before: cursor }),
      addTotals: (events) => repo.addUsageTotals(scope, events),
      sortKey: usageSortKey,
    },
    pageSize,
  );
}
