import type { RequestContext } from '../../common/request-context/request-context';
import { Scope } from '../../common/scope/scope';
import { InMemoryBudgetRepository } from './adapters/in-memory-budget.repository';
import { BudgetUsageService, type UsageEventRequest } from './budget-usage.service';
import { BudgetWindowTooLargeError } from './budget.errors';
import { MAX_SUMMED_EVENTS } from './budget.types';

describe('BudgetUsageService', () => {
  const context = {
    scope: Scope.of('t_unit', 'test', 'p_web'),
    principal: { subject: 'u_unit' },
  } as unknown as RequestContext;
  const spend: UsageEventRequest = {
    provider: 'openai',
    model: 'm',
    surface: 'web',
    cost: '0.10',
    currency: 'USD',
  };

  it('stores normalised costs and one created_at for a batch, with ids in posting order', async () => {
    const service = new BudgetUsageService(new InMemoryBudgetRepository(), context);
    const { items } = await service.record([spend, { ...spend, cost: '2.500' }]);
    expect(items.map((e) => e.cost)).toEqual(['0.1', '2.5']);
    expect(items[0]?.created_at).toBe(items[1]?.created_at);
    expect((items[0]?.id ?? '') < (items[1]?.id ?? '')).toBe(true);
  });

  it(`refuses to sum a window of more than ${MAX_SUMMED_EVENTS} events rather than answer a partial total`, async () => {
    const service = new BudgetUsageService(new InMemoryBudgetRepository(), context);
    for (let i = 0; i < MAX_SUMMED_EVENTS; i += 500)
      await service.record(Array.from({ length: 500 }, () => spend));
    await expect(service.summary(30, 'provider')).resolves.toMatchObject({
      events: MAX_SUMMED_EVENTS,
      groups: [{ cost_by_currency: { USD: '1000' } }],
    });
    await service.record([spend]);
    await expect(service.summary(30, 'provider')).rejects.toBeInstanceOf(BudgetWindowTooLargeError);
    await expect(service.spent({ currency: 'USD' }, 30)).rejects.toMatchObject({
      code: 'budget.window_too_large',
    });
  });
});
