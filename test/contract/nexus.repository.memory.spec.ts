import { InMemoryNexusRepository } from '../../src/features/nexus-backend/adapters/in-memory-nexus.repository';
import { nexusRepositoryContract } from './nexus.repository.contract';

describe('InMemoryNexusRepository', () => {
  nexusRepositoryContract(() =>
    Promise.resolve({ repo: new InMemoryNexusRepository(), close: () => Promise.resolve() }),
  );
});
