import { InMemorySeoRepository } from '../../src/features/seo/adapters/in-memory-seo.repository';
import { scopeDataContract } from './scope-data.contract';
import { seoConfigRepositoryContract } from './seo.repository.contract';
import { seoScopeData } from './seo.scope-data';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemorySeoRepository(), close: () => Promise.resolve() }),
};

describe('InMemorySeoRepository', () => {
  seoConfigRepositoryContract(memory.make);
  scopeDataContract(memory, memory, seoScopeData);
});
