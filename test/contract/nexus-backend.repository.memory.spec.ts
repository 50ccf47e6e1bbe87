import { InMemoryNexusBackendRepository } from '../../src/features/nexus-backend/adapters/in-memory-nexus-backend.repository';
import { nexusRepositoryContract } from './nexus-backend.repository.contract';

describe('InMemoryNexusBackendRepository', () => {
  nexusRepositoryContract(() =>
    Promise.resolve({ repo: new InMemoryNexusBackendRepository(), close: () => Promise.resolve() }),
  );
});
