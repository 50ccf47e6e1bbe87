import type { Scope } from '../../common/scope/scope';
import type { BudgetRepository } from './budget.repository';
import { usageSortKey } from './budget.types';

/**
 * Adds the usage events created before `before` (ISO-8601 UTC) to the running totals, page
 * by page, newest first; returns how many. For ledgers written before totals were kept: run
 * it once per scope with `before` = the time every instance writes totals (after a full
 * rollout), never twice for the same events (totals would count them twice).
 */
export async function backfillUsageTotals(
  repo: BudgetRepository,
  scope: Scope,
  before: string,
  pageSize = 500,
): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await repo.listUsage(
      scope,
      { until: before },
      { limit: pageSize, before: cursor },
    );
    if (page.length > 0) await repo.addUsageTotals(scope, page);
    count += page.length;
    const last = page.at(-1);
    if (page.length < pageSize || last === undefined) return count;
    cursor = usageSortKey(last);
  }
}
