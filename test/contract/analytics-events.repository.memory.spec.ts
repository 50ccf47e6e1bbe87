import { InMemoryAnalyticsEventsRepository } from '../../src/features/analytics-events/adapters/in-memory-analytics-events.repository';
import { analyticsEventRepositoryContract } from './analytics-events.repository.contract';

describe('InMemoryAnalyticsEventsRepository', () => {
  analyticsEventRepositoryContract(() =>
    Promise.resolve({
      repo: new InMemoryAnalyticsEventsRepository(),
      close: () => Promise.resolve(),
    }),
  );
});
