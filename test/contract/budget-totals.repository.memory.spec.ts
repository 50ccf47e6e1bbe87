import { InMemoryBudgetRepository } from '../../src/features/budget/adapters/in-memory-budget.repository';
import { budgetTotalsContract } from './budget-totals.repository.contract';

describe('InMemoryBudgetRepository running totals', () => {
  budgetTotalsContract(() =>
    Promise.resolve({ repo: new InMemoryBudgetRepository(), close: () => Promise.resolve() }),
  );
});
