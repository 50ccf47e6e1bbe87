import { BucketCounters } from '../../../backends/memory/bucket-counters';
import { descendingPage, ScopedRecords } from '../../../backends/memory/scoped-records';
import { ScopedState } from '../../../backends/memory/scoped-state';
import { countersByBucket, type Counters } from '../../../common/aggregates/counters';
import type { BucketRange } from '../../../common/aggregates/time-buckets';
import { uniqueScopes } from '../../../backends/memory/held-scopes';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { eventCounters } from '../analytics-events-totals';
import { AnalyticsEventsRepository } from '../analytics-events.repository';
import {
  analyticsEventRecord,
  analyticsRecordsOf,
  analyticsTotalsRecord,
} from '../analytics-events.scope-data';
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
export class InMemoryAnalyticsEventsRepository
  extends AnalyticsEventsRepository
  implements ScopeData
{
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

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return yieldAll([
      ...this.events.values(scope).map(analyticsEventRecord),
      ...(this.totals.peek(scope)?.entries() ?? []).map(analyticsTotalsRecord),
    ]);
  }

  /** Events are stored without adding totals: the totals records set their buckets. */
  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const { events, totals } = analyticsRecordsOf(records);
    for (const r of events) this.events.set(scope, r.id, r.data as AnalyticsEvent);
    for (const [bucket, counters] of totals) this.totals.of(scope).set(bucket, counters);
    return Promise.resolve();
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    const withTotals = this.totals
      .scopesOf(tenantId, env)
      .filter(([, totals]) => totals.size > 0)
      .map(([scope]) => scope);
    return Promise.resolve(uniqueScopes(this.events.scopesHeld(tenantId, env), withTotals));
  }

  deleteScope(scope: Scope): Promise<void> {
    this.events.clear(scope);
    this.totals.delete(scope);
    return Promise.resolve();
  }
}
