import { InMemoryStrategyLockRepository } from '../../src/features/strategy-lock/adapters/in-memory-strategy-lock.repository';
import { strategyLockRepositoryContract } from './strategy-lock.repository.contract';

describe('InMemoryStrategyLockRepository', () => {
  strategyLockRepositoryContract(() =>
    Promise.resolve({ repo: new InMemoryStrategyLockRepository(), close: () => Promise.resolve() }),
  );
});
