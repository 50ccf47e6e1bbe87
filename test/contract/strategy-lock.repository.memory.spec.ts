import { InMemoryStrategyLockRepository } from '../../src/features/strategy-lock/adapters/in-memory-strategy-lock.repository';
import { scopeDataContract } from './scope-data.contract';
import { strategyLockRepositoryContract } from './strategy-lock.repository.contract';
import { strategyLockScopeData } from './strategy-lock.scope-data';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryStrategyLockRepository(), close: () => Promise.resolve() }),
};

describe('InMemoryStrategyLockRepository', () => {
  strategyLockRepositoryContract(memory.make);
  scopeDataContract(memory, memory, strategyLockScopeData);
});
