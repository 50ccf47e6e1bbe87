import { InMemoryAnalyticsEventRepository } from '../../src/features/analytics-events/adapters/in-memory-analytics-event.repository';
import { analyticsEventTotalsContract } from './analytics-event-totals.repository.contract';

describe('InMemoryAnalyticsEventRepository running totals', () => {
  analyticsEventTotalsContract(() =>
    Promise.resolve({
      repo: new InMemoryAnalyticsEventRepository(),
      close: () => Promise.resolve(),
    }),
  );
});
