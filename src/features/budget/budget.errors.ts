import { NotFoundError, notFoundOf, versionConflictOf } from '../../common/errors/domain.error';
import { BUDGET_KIND } from './budget.types';

/** `404 budget.not_found`: no usage event with this id in this scope. */
export class BudgetUsageNotFoundError extends notFoundOf(BUDGET_KIND, 'Usage event') {}

/** `404 budget.policy_not_found`: no policy at any level of the fallback chain. */
export class BudgetPolicyNotFoundError extends NotFoundError {
  constructor(surface: string, app: string, tried: { surface: string; app: string }[]) {
    super(BUDGET_KIND, `Budget policy for surface "${surface}" and app`, app, {
      code: 'policy_not_found',
      hint:
        `Tried ${tried.map((t) => `(${t.surface}, ${t.app})`).join(' → ')}. ` +
        'Create one with PUT /budget/policies (admin); a policy without surface and app covers everything.',
      details: { surface, app, tried },
    });
  }
}

/** `409 budget.version_conflict`: a policy write named a stale `If-Match` version. */
export class BudgetVersionConflictError extends versionConflictOf(BUDGET_KIND) {}
