import { notFoundOf } from '../../common/errors/domain.error';
import { ANALYTICS_EVENTS_KIND } from './analytics-events.types';

/** `404 analytics_events.not_found`: no event with this id in this scope. */
export class AnalyticsEventNotFoundError extends notFoundOf(
  ANALYTICS_EVENTS_KIND,
  'Analytics event',
) {}
