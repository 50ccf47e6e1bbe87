import { InMemoryPageContentRepository } from '../../src/features/page-content/adapters/in-memory-page-content.repository';
import { pageRepositoryContract } from './page-content.repository.contract';

describe('InMemoryPageContentRepository', () => {
  pageRepositoryContract(() =>
    Promise.resolve({ repo: new InMemoryPageContentRepository(), close: () => Promise.resolve() }),
  );
});
