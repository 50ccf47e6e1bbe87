import { InMemoryMemoryRepository } from '../../src/features/memory/adapters/in-memory-memory.repository';
import { memoryRepositoryContract } from './memory.repository.contract';

describe('InMemoryMemoryRepository', () => {
  memoryRepositoryContract((options) =>
    Promise.resolve({
      repo: new InMemoryMemoryRepository(options),
      close: () => Promise.resolve(),
    }),
  );
});
