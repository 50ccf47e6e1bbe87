import { InMemoryRealtimeRegistryRepository } from '../../src/features/realtime-registry/adapters/in-memory-realtime-registry.repository';
import { realtimeRegistrationRepositoryContract } from './realtime-registry.repository.contract';
import {
  realtimeRegistryImportCheck,
  realtimeRegistryScopeData,
} from './realtime-registry.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({
      repo: new InMemoryRealtimeRegistryRepository(),
      close: () => Promise.resolve(),
    }),
};

describe('InMemoryRealtimeRegistryRepository', () => {
  realtimeRegistrationRepositoryContract(memory.make);
  scopeDataContract(memory, memory, realtimeRegistryScopeData);
  realtimeRegistryImportCheck(memory);
});
