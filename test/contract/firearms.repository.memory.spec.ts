import { InMemoryFirearmsRepository } from '../../src/features/firearms/adapters/in-memory-firearms.repository';
import { firearmsRepositoryContract } from './firearms.repository.contract';

describe('InMemoryFirearmsRepository', () => {
  firearmsRepositoryContract(() =>
    Promise.resolve({ repo: new InMemoryFirearmsRepository(), close: () => Promise.resolve() }),
  );
});
