import type { RequestContext } from '../../common/request-context/request-context';
import { Scope } from '../../common/scope/scope';
import { InMemoryBudgetRepository } from './adapters/in-memory-budget.repository';
import { BudgetPolicyService } from './budget-policy.service';
import { BudgetUsageService, type UsageEventRequest } from './budget-usage.service';
import { BudgetPolicyNotFoundError } from './budget.errors';

describe('BudgetPolicyService', () => {
  const context = {
    scope: Scope.of('t_unit', 'test', 'p_web'),
    principal: { subject: 'u_unit' },
  } as unknown as RequestContext;
  let policies: BudgetPolicyService;
  let usage: BudgetUsageService;
  const spend = (over: Partial<UsageEventRequest>): UsageEventRequest => ({
    provider: 'openai',
    model: 'm',
    surface: 'web',
    cost: '1',
    currency: 'USD',
    ...over,
  });

  beforeEach(() => {
    const repo = new InMemoryBudgetRepository();
    usage = new BudgetUsageService(repo, context);
    policies = new BudgetPolicyService(repo, usage, context);
  });

  it('resolves (surface, app) → (surface, *) → (*, app) → (*, *) and names every pair tried when none exists', async () => {
    await expect(policies.effective('web', 'shop')).rejects.toMatchObject({
      code: 'budget.policy_not_found',
      details: {
        tried: [
          { surface: 'web', app: 'shop' },
          { surface: 'web', app: '*' },
          { surface: '*', app: 'shop' },
          { surface: '*', app: '*' },
        ],
      },
    });
    const levels = [
      ['*', '*'],
      ['*', 'shop'],
      ['web', '*'],
      ['web', 'shop'],
    ] as const;
    for (const [surface, app] of levels) {
      await policies.put({ surface, app, threshold: '1', window_days: 1, currency: 'USD' });
      expect(await policies.effective('web', 'shop')).toMatchObject({ surface, app });
    }
    expect(await policies.effective('app', 'shop')).toMatchObject({ surface: '*', app: 'shop' });
    expect(await policies.effective()).toMatchObject({ surface: '*', app: '*' });
  });

  it('only tries * for an absent surface or app', async () => {
    await policies.put({ surface: 'web', threshold: '1', window_days: 1, currency: 'USD' });
    await expect(policies.effective(undefined, 'shop')).rejects.toBeInstanceOf(
      BudgetPolicyNotFoundError,
    );
    expect(await policies.effective('web')).toMatchObject({ surface: 'web', app: '*' });
  });

  it('counts the spend the policy covers: its surface and app (* = all), its currency', async () => {
    await usage.record([
      spend({ cost: '2.5' }),
      spend({ surface: 'app', cost: '4' }),
      spend({ cost: '100', currency: 'EUR' }),
      spend({ app: 'shop', cost: '0.5' }),
    ]);
    await policies.put({ threshold: '10', window_days: 30, currency: 'USD' });
    expect(await policies.check('web', undefined, '3')).toMatchObject({
      spent: '7',
      remaining: '3',
      allowed: true,
      policy: { surface: '*', app: '*' },
    });
    expect(await policies.check('web', undefined, '3.0000000001')).toMatchObject({
      allowed: false,
    });
    await policies.put({ surface: 'web', threshold: '3', window_days: 30, currency: 'USD' });
    expect(await policies.check('web', 'shop', '0')).toMatchObject({
      spent: '3',
      remaining: '0',
      allowed: true,
      cost: '0',
    });
    await policies.put({
      surface: 'web',
      app: 'shop',
      threshold: '0.4',
      window_days: 30,
      currency: 'USD',
    });
    expect(await policies.check('web', 'shop')).toMatchObject({
      spent: '0.5',
      remaining: '0',
      allowed: false,
      threshold: '0.4',
    });
  });
});
