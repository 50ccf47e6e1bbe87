import { InMemoryBudgetRepository } from '../../src/features/budget/adapters/in-memory-budget.repository';
import { budgetRepositoryContract } from './budget.repository.contract';
import { budgetScopeData } from './budget.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryBudgetRepository(), close: () => Promise.resolve() }),
};

describe('InMemoryBudgetRepository', () => {
  budgetRepositoryContract(memory.make);
  scopeDataContract(memory, memory, budgetScopeData);
});
