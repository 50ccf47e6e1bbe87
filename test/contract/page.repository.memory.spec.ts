import { InMemoryPageRepository } from '../../src/features/page-content/adapters/in-memory-page.repository';
import { pageRepositoryContract } from './page.repository.contract';

describe('InMemoryPageRepository', () => {
  pageRepositoryContract(() =>
    Promise.resolve({ repo: new InMemoryPageRepository(), close: () => Promise.resolve() }),
  );
});
