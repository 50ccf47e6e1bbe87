import { InMemoryNexusBackendRepository } from '../../src/features/nexus-backend/adapters/in-memory-nexus-backend.repository';
import { nexusRepositoryContract } from './nexus-backend.repository.contract';
import { nexusBackendScopeData } from './nexus-backend.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryNexusBackendRepository(), close: () => Promise.resolve() }),
};

describe('InMemoryNexusBackendRepository', () => {
  nexusRepositoryContract(memory.make);
  scopeDataContract(memory, memory, nexusBackendScopeData);
});
