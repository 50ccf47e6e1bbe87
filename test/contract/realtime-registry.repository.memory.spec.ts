import { InMemoryRealtimeRegistryRepository } from '../../src/features/realtime-registry/adapters/in-memory-realtime-registry.repository';
import { realtimeRegistrationRepositoryContract } from './realtime-registry.repository.contract';

describe('InMemoryRealtimeRegistryRepository', () => {
  realtimeRegistrationRepositoryContract(() =>
    Promise.resolve({
      repo: new InMemoryRealtimeRegistryRepository(),
      close: () => Promise.resolve(),
    }),
  );
});
