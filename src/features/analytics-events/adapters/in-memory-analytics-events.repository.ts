import { BucketCounters } from '../../../backends/memory/bucket-counters';
import { descendingPage, ScopedRecords } from '../../../backends/memory/scoped-records';
import { ScopedState } from '../../../backends/memory/scoped-state';
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

function matches(e: AnalyticsEvent, filter: EventFilter): boolean {
  const key = eventSortKey(e);
  return (
    (filter.type === undefined || e.type === filter.type) &&
    (filter.surface === undefined || e.surface === filter.surface) &&
    (filter.since === undefined || key >= filter.since) &&
    (filter.until === undefined || key < filter.until)
  );
}

/**
 * Dev/test adapter: events and running totals per bucket (unsharded: one process has no
 * write contention), keyed by scope. Forgets everything at restart.
 */
export class InMemoryAnalyticsEventsRepository extends AnalyticsEventsRepository {
  private readonly events = new ScopedRecords<AnalyticsEvent>();
  private readonly totals = new ScopedState(() => new BucketCounters());

  append(scope: Scope, event: AnalyticsEvent): Promise<AnalyticsEvent> {
    const existing = this.events.get(scope, event.id);
    if (existing !== null) return Promise.resolve(existing);
    this.totals.of(scope).add(countersByBucket([event], (e) => e.created_at, eventCounters));
    return Promise.resolve(this.events.set(scope, event.id, event));
  }

  sumTotals(scope: Scope, ranges: readonly BucketRange[]): Promise<Counters> {
    return Promise.resolve(this.totals.of(scope).sum(ranges));
  }

  addTotals(scope: Scope, events: readonly AnalyticsEvent[]): Promise<void> {
    this.totals.of(scope).add(countersByBucket(events, (e) => e.created_at, eventCounters));
    return Promise.resolve();
  }

  get(scope: Scope, id: string): Promise<AnalyticsEvent | null> {
    return Promise.resolve(this.events.get(scope, id));
  }

  list(scope: Scope, filter: EventFilter, page: KeysetPage): Promise<AnalyticsEvent[]> {
    const matching = this.events.values(scope).filter((e) => matches(e, filter));
    return Promise.resolve(descendingPage(matching, eventSortKey, page));
  }
}
