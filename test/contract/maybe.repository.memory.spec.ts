import { InMemoryMaybeRepository } from '../../src/features/maybes/adapters/in-memory-maybe.repository';
import { maybeRepositoryContract } from './maybe.repository.contract';

describe('InMemoryMaybeRepository', () => {
  maybeRepositoryContract((options) =>
    Promise.resolve({ repo: new InMemoryMaybeRepository(options), close: () => Promise.resolve() }),
  );
});
