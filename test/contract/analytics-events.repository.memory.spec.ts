import { InMemoryAnalyticsEventsRepository } from '../../src/features/analytics-events/adapters/in-memory-analytics-events.repository';
import { analyticsEventRepositoryContract } from './analytics-events.repository.contract';
import { analyticsEventsScopeData } from './analytics-events.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({
      repo: new InMemoryAnalyticsEventsRepository(),
      close: () => Promise.resolve(),
    }),
};

describe('InMemoryAnalyticsEventsRepository', () => {
  analyticsEventRepositoryContract(memory.make);
  scopeDataContract(memory, memory, analyticsEventsScopeData);
});
