import type { Scope } from '../../../common/scope/scope';
import { AnalyticsEventRepository } from '../analytics-event.repository';
import {
  eventSortKey,
  type AnalyticsEvent,
  type EventFilter,
  type KeysetPage,
} from '../analytics-event.types';

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

/** Dev/test adapter: arrays keyed by scope. Forgets everything at restart. */
export class InMemoryAnalyticsEventRepository extends AnalyticsEventRepository {
  private readonly scopes = new Map<string, AnalyticsEvent[]>();

  append(scope: Scope, event: AnalyticsEvent): Promise<AnalyticsEvent> {
    const existing = this.events(scope).find((e) => e.id === event.id);
    if (existing !== undefined) return Promise.resolve(structuredClone(existing));
    this.events(scope).push(structuredClone(event));
    return Promise.resolve(structuredClone(event));
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
}
