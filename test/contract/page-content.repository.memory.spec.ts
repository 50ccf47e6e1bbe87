import { InMemoryPageContentRepository } from '../../src/features/page-content/adapters/in-memory-page-content.repository';
import { pageRepositoryContract } from './page-content.repository.contract';
import { pageContentMoveChecks, pageContentScopeData } from './page-content.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryPageContentRepository(), close: () => Promise.resolve() }),
};

describe('InMemoryPageContentRepository', () => {
  pageRepositoryContract(memory.make);
  scopeDataContract(memory, memory, pageContentScopeData);
  pageContentMoveChecks(memory, memory);
});
