import { Injectable } from '@nestjs/common';
import { SORTABLE_ID_CURSOR, type ListRequest, type Page } from '../../common/http/pagination';
import { RequestContext } from '../../common/request-context/request-context';
import { compareDecimals, normalizeDecimal, remainingOf, sumDecimals } from './budget-money';
import { BudgetUsageService } from './budget-usage.service';
import { BudgetPolicyNotFoundError } from './budget.errors';
import { BudgetRepository } from './budget.repository';
import {
  ANY,
  windowStart,
  type BudgetCheck,
  type BudgetPolicy,
  type BudgetPolicyInput,
  type UsageFilter,
} from './budget.types';

/** The pairs tried for `(surface, app)`, most specific first, without repeats. */
function fallbackChain(surface: string, app: string): { surface: string; app: string }[] {
  const chain = [
    { surface, app },
    { surface, app: ANY },
    { surface: ANY, app },
    { surface: ANY, app: ANY },
  ];
  return chain.filter(
    (c, i) => chain.findIndex((o) => o.surface === c.surface && o.app === c.app) === i,
  );
}

/**
 * Budget policies of the request's scope, their fallback (surface, app) → (surface, *) →
 * (*, app) → (*, *), and the spend check.
 *
 * A policy caps the spend it covers: usage in its currency over its last `window_days`, on
 * its surface and app, where `*` covers every surface or app. So a `(*, *)` policy reached by
 * fallback caps the scope's whole spend, not each surface's.
 */
@Injectable()
export class BudgetPolicyService {
  constructor(
    private readonly budget: BudgetRepository,
    private readonly usage: BudgetUsageService,
    private readonly context: RequestContext,
  ) {}

  put(
    input: Omit<BudgetPolicyInput, 'surface' | 'app'> & { surface?: string; app?: string },
    expectedVersion?: number,
  ): Promise<BudgetPolicy> {
    const policy: BudgetPolicyInput = {
      surface: input.surface ?? ANY,
      app: input.app ?? ANY,
      threshold: normalizeDecimal(input.threshold),
      window_days: input.window_days,
      currency: input.currency,
    };
    const actor = this.context.principal.subject;
    return this.budget.putPolicy(this.context.scope, policy, { actor, expectedVersion });
  }

  async list(list: ListRequest): Promise<Page<BudgetPolicy>> {
    const { limit, position: before } = SORTABLE_ID_CURSOR.start(list);
    const fetched = await this.budget.listPolicies(this.context.scope, {
      limit: limit + 1,
      before,
    });
    return SORTABLE_ID_CURSOR.page(fetched, limit, (last) => last.id);
  }

  /** The most specific policy for `(surface, app)`; an absent one only matches `*`. */
  async effective(surface = ANY, app = ANY): Promise<BudgetPolicy> {
    const tried = fallbackChain(surface, app);
    const found = await Promise.all(
      tried.map((c) => this.budget.getPolicy(this.context.scope, c.surface, c.app)),
    );
    const policy = found.find((p) => p !== null);
    if (policy === undefined || policy === null)
      throw new BudgetPolicyNotFoundError(surface, app, tried);
    return policy;
  }

  /** Whether spending `cost` more stays within the effective policy's threshold. */
  async check(
    surface: string | undefined,
    app: string | undefined,
    cost = '0',
  ): Promise<BudgetCheck> {
    const policy = await this.effective(surface, app);
    const since = windowStart(policy.window_days);
    const filter: UsageFilter & { since: string; currency: string } = {
      since,
      currency: policy.currency,
    };
    if (policy.surface !== ANY) filter.surface = policy.surface;
    if (policy.app !== ANY) filter.app = policy.app;
    const spent = await this.usage.spent(filter);
    return {
      allowed: compareDecimals(sumDecimals([spent, cost]), policy.threshold) <= 0,
      spent,
      threshold: policy.threshold,
      remaining: remainingOf(policy.threshold, spent),
      cost: normalizeDecimal(cost),
      currency: policy.currency,
      window_days: policy.window_days,
      since,
      policy: { id: policy.id, surface: policy.surface, app: policy.app },
    };
  }
}
