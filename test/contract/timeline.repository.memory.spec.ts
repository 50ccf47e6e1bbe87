import { InMemoryTimelineRepository } from '../../src/features/timeline/adapters/in-memory-timeline.repository';
import { timelineRepositoryContract } from './timeline.repository.contract';

describe('InMemoryTimelineRepository', () => {
  timelineRepositoryContract(
    () =>
      Promise.resolve({ repo: new InMemoryTimelineRepository(), close: () => Promise.resolve() }),
    {
      isolatesConcurrentUnits: true,
    },
  );
});
