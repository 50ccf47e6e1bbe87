import { InMemoryAnalyticsEventsRepository } from '../../src/features/analytics-events/adapters/in-memory-analytics-events.repository';
import { analyticsEventTotalsContract } from './analytics-events-totals.repository.contract';

describe('InMemoryAnalyticsEventsRepository running totals', () => {
  analyticsEventTotalsContract(() =>
    Promise.resolve({
      repo: new InMemoryAnalyticsEventsRepository(),
      close: () => Promise.resolve(),
    }),
  );
});
