import type { Scope } from '../../common/scope/scope';
import type { AnalyticsEvent, EventFilter, KeysetPage } from './analytics-event.types';

/**
 * Port: the append-only analytics events of one scope. Events of another scope are never
 * returned.
 */
export abstract class AnalyticsEventRepository {
  /**
   * Stores a new event once per `id`: an event already stored with the id (a retry of the
   * same idempotent request, whose ids repeat) is returned as stored, not added again.
   */
  abstract append(scope: Scope, event: AnalyticsEvent): Promise<AnalyticsEvent>;

  /** The event with this id in `scope`, or null. */
  abstract get(scope: Scope, id: string): Promise<AnalyticsEvent | null>;

  /**
   * Events matching every given filter, newest first by {@link eventSortKey}, at most
   * `page.limit`. `since` is inclusive, `until` and `page.before` (a sort key) exclusive.
   */
  abstract list(scope: Scope, filter: EventFilter, page: KeysetPage): Promise<AnalyticsEvent[]>;
}
