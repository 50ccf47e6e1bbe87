import { InMemoryRealtimeRegistrationRepository } from '../../src/features/realtime-registry/adapters/in-memory-realtime-registration.repository';
import { realtimeRegistrationRepositoryContract } from './realtime-registration.repository.contract';

describe('InMemoryRealtimeRegistrationRepository', () => {
  realtimeRegistrationRepositoryContract(() =>
    Promise.resolve({
      repo: new InMemoryRealtimeRegistrationRepository(),
      close: () => Promise.resolve(),
    }),
  );
});
