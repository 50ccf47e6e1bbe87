import { InMemorySeoConfigRepository } from '../../src/features/seo/adapters/in-memory-seo-config.repository';
import { seoConfigRepositoryContract } from './seo-config.repository.contract';

describe('InMemorySeoConfigRepository', () => {
  seoConfigRepositoryContract(() =>
    Promise.resolve({ repo: new InMemorySeoConfigRepository(), close: () => Promise.resolve() }),
  );
});
