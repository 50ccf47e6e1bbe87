import { InMemoryMaybesRepository } from '../../src/features/maybes/adapters/in-memory-maybes.repository';
import { maybeRepositoryContract } from './maybes.repository.contract';

describe('InMemoryMaybesRepository', () => {
  maybeRepositoryContract((options) =>
    Promise.resolve({
      repo: new InMemoryMaybesRepository(options),
      close: () => Promise.resolve(),
    }),
  );
});
