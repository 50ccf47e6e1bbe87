import { InMemoryTimelineRepository } from '../../src/features/timeline/adapters/in-memory-timeline.repository';
import { scopeDataContract } from './scope-data.contract';
import { timelineRepositoryContract } from './timeline.repository.contract';
import { timelineScopeData } from './timeline.scope-data';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryTimelineRepository(), close: () => Promise.resolve() }),
};

describe('InMemoryTimelineRepository', () => {
  timelineRepositoryContract(memory.make, { isolatesConcurrentUnits: true });
  scopeDataContract(memory, memory, timelineScopeData);
});
