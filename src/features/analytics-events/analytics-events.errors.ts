import { DomainError, NotFoundError } from '../../common/errors/domain.error';
import { ANALYTICS_EVENTS_KIND, MAX_SUMMARIZED_EVENTS } from './analytics-event.types';

/** `404 analytics_events.not_found`: no event with this id in this scope. */
export class AnalyticsEventNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(ANALYTICS_EVENTS_KIND, 'Analytics event', id);
  }
}

/** `422 analytics_events.range_too_large`: more events in the range than one summary counts. */
export class AnalyticsRangeTooLargeError extends DomainError {
  constructor(since: string | null, until: string | null) {
    super(
      'analytics_events.range_too_large',
      'unprocessable',
      `The range since=${since ?? '(beginning)'} until=${until ?? '(now)'} holds more than ` +
        `${MAX_SUMMARIZED_EVENTS} events, more than one summary counts. Narrow it with since and until.`,
      { since, until, max_events: MAX_SUMMARIZED_EVENTS },
    );
  }
}
