import type { Counters } from '../../common/aggregates/counters';
import type { BucketRange } from '../../common/aggregates/time-buckets';
import type { Scope } from '../../common/scope/scope';
import type { AnalyticsEvent, EventFilter, KeysetPage } from './analytics-events.types';

/**
 * Port: the append-only analytics events of one scope. Events of another scope are never
 * returned.
 */
export abstract class AnalyticsEventsRepository {
  /**
   * Stores a new event once per `id` and adds its {@link eventCounters} to the running totals
   * of its day, hour and minute bucket in the same atomic write (one batch on Firestore). An
   * event already stored with the id (a retry of the same idempotent request, whose ids
   * repeat) is returned as stored, and its totals are not added again.
   */
  abstract append(scope: Scope, event: AnalyticsEvent): Promise<AnalyticsEvent>;

  /** The event with this id in `scope`, or null. */
  abstract get(scope: Scope, id: string): Promise<AnalyticsEvent | null>;

  /**
   * Events matching every given filter, newest first by {@link eventSortKey}, at most
   * `page.limit`. `since` is inclusive, `until` and `page.before` (a sort key) exclusive.
   */
  abstract list(scope: Scope, filter: EventFilter, page: KeysetPage): Promise<AnalyticsEvent[]>;

  /**
   * The running totals summed over every bucket in `ranges` (keys of `bucketKey`): exactly
   * the sum of {@link eventCounters} of the events appended into those buckets.
   */
  abstract sumTotals(scope: Scope, ranges: readonly BucketRange[]): Promise<Counters>;

  /**
   * Adds the running totals of `events`, which are already stored, to their buckets
   * (rebuilding totals of events stored before totals existed). Not idempotent: each event
   * must be added once.
   */
  abstract addTotals(scope: Scope, events: readonly AnalyticsEvent[]): Promise<void>;
}
