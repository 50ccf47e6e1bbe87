import { InMemoryMaybesRepository } from '../../src/features/maybes/adapters/in-memory-maybes.repository';
import { maybeRepositoryContract } from './maybes.repository.contract';
import { maybesScopeData } from './maybes.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryMaybesRepository(), close: () => Promise.resolve() }),
};

describe('InMemoryMaybesRepository', () => {
  maybeRepositoryContract((options) =>
    Promise.resolve({
      repo: new InMemoryMaybesRepository(options),
      close: () => Promise.resolve(),
    }),
  );
  scopeDataContract(memory, memory, maybesScopeData);
});
