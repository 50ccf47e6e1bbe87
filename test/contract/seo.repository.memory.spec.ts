import { InMemorySeoRepository } from '../../src/features/seo/adapters/in-memory-seo.repository';
import { seoConfigRepositoryContract } from './seo.repository.contract';

describe('InMemorySeoRepository', () => {
  seoConfigRepositoryContract(() =>
    Promise.resolve({ repo: new InMemorySeoRepository(), close: () => Promise.resolve() }),
  );
});
