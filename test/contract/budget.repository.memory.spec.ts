import { InMemoryBudgetRepository } from '../../src/features/budget/adapters/in-memory-budget.repository';
import { budgetRepositoryContract } from './budget.repository.contract';

describe('InMemoryBudgetRepository', () => {
  budgetRepositoryContract(() =>
    Promise.resolve({ repo: new InMemoryBudgetRepository(), close: () => Promise.resolve() }),
  );
});
