import { InMemoryAnalyticsEventRepository } from '../../src/features/analytics-events/adapters/in-memory-analytics-event.repository';
import { analyticsEventRepositoryContract } from './analytics-event.repository.contract';

describe('InMemoryAnalyticsEventRepository', () => {
  analyticsEventRepositoryContract(() =>
    Promise.resolve({
      repo: new InMemoryAnalyticsEventRepository(),
      close: () => Promise.resolve(),
    }),
  );
});
