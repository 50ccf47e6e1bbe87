import { Injectable } from '@nestjs/common';
import { TIME_KEY_CURSOR, type ListRequest, type Page } from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { normalizeDecimal } from './budget-money';
import { groupsFrom, spentFrom } from './budget-totals';
import { usageTotalsSince } from './budget-window-totals';
import { BudgetUsageNotFoundError } from './budget.errors';
import { BudgetRepository } from './budget.repository';
import {
  usageSortKey,
  windowStart,
  type UsageEvent,
  type UsageEventInput,
  type UsageFilter,
  type UsageGroupBy,
  type UsageSummary,
} from './budget.types';

/** A usage event as posted: optional fields may be left out. */
export type UsageEventRequest = Pick<
  UsageEventInput,
  'provider' | 'model' | 'surface' | 'cost' | 'currency'
> &
  Partial<Pick<UsageEventInput, 'tokens_input' | 'tokens_output' | 'metadata'>> & {
    app?: string;
    tool_id?: string;
  };

/**
 * The usage ledger of the request's scope. Summaries and spend are read from running totals
 * ({@link usageTotalsSince}), so they cost the same over 10 events or 10 million, and stay
 * exact (integer limbs and decimal strings, never floats).
 */
@Injectable()
export class BudgetUsageService {
  constructor(
    private readonly budget: BudgetRepository,
    private readonly context: RequestContext,
  ) {}

  /** Stores the events all or none; they share one `created_at`. */
  async record(events: UsageEventRequest[]): Promise<{ items: UsageEvent[] }> {
    const now = Date.now();
    const created_at = new Date(now).toISOString();
    const created_by = this.context.principal.subject;
    const stored = events.map((e): UsageEvent => ({
      id: newSortableId(now),
      provider: e.provider,
      model: e.model,
      surface: e.surface,
      app: e.app ?? null,
      tool_id: e.tool_id ?? null,
      tokens_input: e.tokens_input ?? 0,
      tokens_output: e.tokens_output ?? 0,
      cost: normalizeDecimal(e.cost),
      currency: e.currency,
      metadata: e.metadata ?? {},
      created_at,
      created_by,
    }));
    return { items: await this.budget.appendUsage(this.context.scope, stored) };
  }

  async get(id: string): Promise<UsageEvent> {
    const found = await this.budget.getUsage(this.context.scope, id);
    if (found === null) throw new BudgetUsageNotFoundError(id);
    return found;
  }

  /** Newest first; `windowDays` limits to the last days, absent means all time. */
  async list(
    filter: Omit<UsageFilter, 'since' | 'currency'>,
    windowDays: number | undefined,
    list: ListRequest,
  ): Promise<Page<UsageEvent>> {
    const { limit, position: before } = TIME_KEY_CURSOR.start(list);
    const since = windowDays === undefined ? undefined : windowStart(windowDays);
    const fetched = await this.budget.listUsage(
      this.context.scope,
      { ...filter, since },
      { limit: limit + 1, before },
    );
    return TIME_KEY_CURSOR.page(fetched, limit, usageSortKey);
  }

  /** Counts, exact costs per currency and tokens per group over the last `windowDays`. */
  async summary(windowDays: number, groupBy: UsageGroupBy): Promise<UsageSummary> {
    const since = windowStart(windowDays);
    const totals = await usageTotalsSince(this.budget, this.context.scope, since);
    return {
      group_by: groupBy,
      window_days: windowDays,
      since,
      events: totals.n ?? 0,
      groups: groupsFrom(totals, groupBy),
    };
  }

  /** The exact total cost in `filter.currency` of the events matching `filter` since `since`. */
  async spent(
    filter: Omit<UsageFilter, 'since'> & { since: string; currency: string },
  ): Promise<string> {
    const { since, ...equal } = filter;
    const totals = await usageTotalsSince(this.budget, this.context.scope, since, equal);
    return spentFrom(totals, filter);
  }
}
