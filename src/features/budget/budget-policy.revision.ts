import { newSortableId } from '../../common/ids/sortable-id';
import { BudgetVersionConflictError } from './budget.errors';
import type { BudgetPolicy, BudgetPolicyInput } from './budget.types';

/**
 * The policy a write stores, given the stored one (or null): checks `expectedVersion`
 * (throws `BudgetVersionConflictError`), bumps the version, keeps `id` and `created_at`.
 * Shared by every adapter so they cannot drift apart.
 */
export function revisePolicy(
  current: BudgetPolicy | null,
  input: BudgetPolicyInput,
  write: { actor: string; expectedVersion?: number },
): BudgetPolicy {
  if (write.expectedVersion !== undefined && current?.version !== write.expectedVersion) {
    throw new BudgetVersionConflictError(write.expectedVersion, current?.version ?? null);
  }
  const now = new Date().toISOString();
  return {
    id: current?.id ?? newSortableId(),
    surface: input.surface,
    app: input.app,
    threshold: input.threshold,
    window_days: input.window_days,
    currency: input.currency,
    version: (current?.version ?? 0) + 1,
    created_at: current?.created_at ?? now,
    updated_at: now,
    updated_by: write.actor,
  };
}
