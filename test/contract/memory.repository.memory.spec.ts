import { InMemoryMemoryRepository } from '../../src/features/memory/adapters/in-memory-memory.repository';
import { memoryRepositoryContract } from './memory.repository.contract';
import { memoryMovedBehaviour, memoryScopeData } from './memory.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryMemoryRepository(), close: () => Promise.resolve() }),
};

describe('InMemoryMemoryRepository', () => {
  memoryRepositoryContract((options) =>
    Promise.resolve({
      repo: new InMemoryMemoryRepository(options),
      close: () => Promise.resolve(),
    }),
  );
  scopeDataContract(memory, memory, memoryScopeData);
  memoryMovedBehaviour(memory, memory);
});
