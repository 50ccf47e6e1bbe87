import { BucketCounters } from '../../../backends/memory/bucket-counters';
import { countersByBucket, type Counters } from '../../../common/aggregates/counters';
import type { BucketRange } from '../../../common/aggregates/time-buckets';
import type { Scope } from '../../../common/scope/scope';
import { eventCounters } from '../analytics-events-totals';
import { AnalyticsEventsRepository } from '../analytics-events.repository';
import {
  eventSortKey,
  type AnalyticsEvent,
  type EventFilter,
  type KeysetPage,
} from '../analytics-events.types';

function matches(e: AnalyticsEvent, filter: EventFilter, before: string | undefined): boolean {
  const key = eventSortKey(e);
  return (
    (filter.type === undefined || e.type === filter.type) &&
    (filter.surface === undefined || e.surface === filter.surface) &&
    (filter.since === undefined || key >= filter.since) &&
    (filter.until === undefined || key < filter.until) &&
    (before === undefined || key < before)
  );
}

/**
 * Dev/test adapter: arrays and running totals per bucket (unsharded: one process has no
 * write contention), keyed by scope. Forgets everything at restart.
 */
export class InMemoryAnalyticsEventsRepository extends AnalyticsEventsRepository {
  private readonly scopes = new Map<string, AnalyticsEvent[]>();
  private readonly totals = new Map<string, BucketCounters>();

  append(scope: Scope, event: AnalyticsEvent): Promise<AnalyticsEvent> {
    const existing = this.events(scope).find((e) => e.id === event.id);
    if (existing !== undefined) return Promise.resolve(structuredClone(existing));
    this.events(scope).push(structuredClone(event));
    this.totalsOf(scope).add(countersByBucket([event], (e) => e.created_at, eventCounters));
    return Promise.resolve(structuredClone(event));
  }

  sumTotals(scope: Scope, ranges: readonly BucketRange[]): Promise<Counters> {
    return Promise.resolve(this.totalsOf(scope).sum(ranges));
  }

  addTotals(scope: Scope, events: readonly AnalyticsEvent[]): Promise<void> {
    this.totalsOf(scope).add(countersByBucket(events, (e) => e.created_at, eventCounters));
    return Promise.resolve();
  }

  get(scope: Scope, id: string): Promise<AnalyticsEvent | null> {
    const found = this.events(scope).find((e) => e.id === id);
    return Promise.resolve(found === undefined ? null : structuredClone(found));
  }

  list(scope: Scope, filter: EventFilter, page: KeysetPage): Promise<AnalyticsEvent[]> {
    const items = this.events(scope)
      .filter((e) => matches(e, filter, page.before))
      .sort((a, b) => (eventSortKey(a) < eventSortKey(b) ? 1 : -1))
      .slice(0, page.limit);
    return Promise.resolve(structuredClone(items));
  }

  private events(scope: Scope): AnalyticsEvent[] {
    let events = this.scopes.get(scope.toString());
    if (events === undefined) {
      events = [];
      this.scopes.set(scope.toString(), events);
    }
    return events;
  }

  private totalsOf(scope: Scope): BucketCounters {
    let totals = this.totals.get(scope.toString());
    if (totals === undefined) {
      totals = new BucketCounters();
      this.totals.set(scope.toString(), totals);
    }
    return totals;
  }
}
