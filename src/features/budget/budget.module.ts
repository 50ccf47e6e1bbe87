import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreBudgetRepository } from './adapters/firestore-budget.repository';
import { InMemoryBudgetRepository } from './adapters/in-memory-budget.repository';
import { BudgetPoliciesController } from './budget-policies.controller';
import { BudgetPolicyService } from './budget-policy.service';
import { BudgetUsageController } from './budget-usage.controller';
import { BudgetUsageService } from './budget-usage.service';
import { BudgetRepository } from './budget.repository';
import { BUDGET_KIND } from './budget.types';

/** budget: usage ledger with exact sums, policies with (surface, app) fallback, spend check. */
@Module({
  controllers: [BudgetUsageController, BudgetPoliciesController],
  providers: [
    provideRoutedRepository(
      BudgetRepository,
      BUDGET_KIND,
      {
        firestore: (fs) => new FirestoreBudgetRepository(fs),
        memory: () => new InMemoryBudgetRepository(),
      },
      { reads: ['getUsage', 'listUsage', 'sumUsageTotals', 'getPolicy', 'listPolicies'] },
    ),
    BudgetUsageService,
    BudgetPolicyService,
  ],
  exports: [BudgetUsageService, BudgetPolicyService],
})
export class BudgetModule {}
