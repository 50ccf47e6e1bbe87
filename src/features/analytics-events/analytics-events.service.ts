import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors/domain.error';
import { TIME_KEY_CURSOR, type ListRequest, type Page } from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { toUtcIso } from '../../common/validation/timestamp.validators';
import { AnalyticsEventsRepository } from './analytics-events.repository';
import {
  EVENT_RANGE_TIME,
  eventSortKey,
  type AnalyticsEvent,
  type AnalyticsEventInput,
  type EventFilter,
  type EventSummary,
  type EventType,
  type SummaryGroupBy,
} from './analytics-events.types';
import { eventGroupsFrom } from './analytics-events-totals';
import { AnalyticsEventNotFoundError } from './analytics-events.errors';
import { eventTotals } from './analytics-events-window-totals';

/** An event as posted: every field but surface and url may be left out. */
export type EventRequest = Pick<AnalyticsEventInput, 'surface' | 'url'> &
  Partial<{
    [K in Exclude<keyof AnalyticsEventInput, 'surface' | 'url'>]: NonNullable<
      AnalyticsEventInput[K]
    >;
  }>;

/**
 * Analytics events of the request's scope: ingest, list newest first, and summaries counted
 * from running totals ({@link eventTotals}), so a summary costs the same over 10 events or
 * 10 million.
 */
@Injectable()
export class AnalyticsEventsService {
  constructor(
    private readonly events: AnalyticsEventsRepository,
    private readonly context: RequestContext,
  ) {}

  record(type: EventType, input: EventRequest): Promise<AnalyticsEvent> {
    const now = Date.now();
    return this.events.append(this.context.scope, {
      id: newSortableId(now),
      type,
      surface: input.surface,
      page_type: input.page_type ?? null,
      url: input.url,
      referrer: input.referrer ?? null,
      utm_source: input.utm_source ?? null,
      utm_medium: input.utm_medium ?? null,
      utm_campaign: input.utm_campaign ?? null,
      utm_term: input.utm_term ?? null,
      utm_content: input.utm_content ?? null,
      seo_slug: input.seo_slug ?? null,
      cta_id: input.cta_id ?? null,
      label: input.label ?? null,
      metadata: input.metadata ?? {},
      created_at: new Date(now).toISOString(),
      created_by: this.context.principal.subject,
    });
  }

  async get(id: string): Promise<AnalyticsEvent> {
    const found = await this.events.get(this.context.scope, id);
    if (found === null) throw new AnalyticsEventNotFoundError(id);
    return found;
  }

  /** Newest first; `since` inclusive, `until` exclusive. */
  async list(filter: EventFilter, list: ListRequest): Promise<Page<AnalyticsEvent>> {
    const { limit, position: before } = TIME_KEY_CURSOR.start(list);
    const fetched = await this.events.list(this.context.scope, normalizeRange(filter), {
      limit: limit + 1,
      before,
    });
    return TIME_KEY_CURSOR.page(fetched, limit, eventSortKey);
  }

  /** Event counts per group in the range. */
  async summary(
    groupBy: SummaryGroupBy,
    range: Pick<EventFilter, 'since' | 'until'>,
  ): Promise<EventSummary> {
    const filter = normalizeRange(range);
    const totals = await eventTotals(this.events, this.context.scope, filter);
    return {
      group_by: groupBy,
      since: filter.since ?? null,
      until: filter.until ?? null,
      events: totals.n ?? 0,
      groups: eventGroupsFrom(totals, groupBy),
    };
  }
}

/** The range as UTC strings (comparable with stored sort keys); `since` must be before `until`. */
function normalizeRange<F extends EventFilter>(filter: F): F {
  const since = toUtcIso(filter.since, EVENT_RANGE_TIME) ?? undefined;
  const until = toUtcIso(filter.until, EVENT_RANGE_TIME) ?? undefined;
  if (since !== undefined && until !== undefined && since >= until) {
    throw new ValidationFailedError([
      { field: 'until', problems: ['until must be later than since'] },
    ]);
  }
  return { ...filter, since, until };
}
