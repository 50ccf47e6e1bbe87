import { InMemoryFirearmsRepository } from '../../src/features/firearms/adapters/in-memory-firearms.repository';
import { firearmsRepositoryContract } from './firearms.repository.contract';
import { firearmsScopeData } from './firearms.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryFirearmsRepository(), close: () => Promise.resolve() }),
};

describe('InMemoryFirearmsRepository', () => {
  firearmsRepositoryContract(memory.make);
  scopeDataContract(memory, memory, firearmsScopeData);
});
