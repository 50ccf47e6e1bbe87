import type { RequestContext } from '../../common/request-context/request-context';
import { Scope } from '../../common/scope/scope';
import { newSortableId } from '../../common/ids/sortable-id';
import { InMemoryBudgetRepository } from './adapters/in-memory-budget.repository';
import { summarize, sumDecimals } from './budget-money';
import { BudgetUsageService, type UsageEventRequest } from './budget-usage.service';
import type { UsageEvent } from './budget.types';

describe('BudgetUsageService', () => {
  const scope = Scope.of('t_unit', 'test', 'p_web');
  const context = { scope, principal: { subject: 'u_unit' } } as unknown as RequestContext;
  const spend: UsageEventRequest = {
    provider: 'openai',
    model: 'm',
    surface: 'web',
    cost: '0.10',
    currency: 'USD',
  };
  const DAY = 86_400_000;
  const at = (ms: number, over: Partial<UsageEvent> = {}): UsageEvent => ({
    id: newSortableId(ms),
    provider: 'openai',
    model: 'm',
    surface: 'web',
    app: null,
    tool_id: null,
    tokens_input: 3,
    tokens_output: 2,
    cost: '0.0000000001',
    currency: 'USD',
    metadata: {},
    created_at: new Date(ms).toISOString(),
    created_by: 'u_unit',
    ...over,
  });

  it('stores normalised costs and one created_at for a batch, with ids in posting order', async () => {
    const service = new BudgetUsageService(new InMemoryBudgetRepository(), context);
    const { items } = await service.record([spend, { ...spend, cost: '2.500' }]);
    expect(items.map((e) => e.cost)).toEqual(['0.1', '2.5']);
    expect(items[0]?.created_at).toBe(items[1]?.created_at);
    expect((items[0]?.id ?? '') < (items[1]?.id ?? '')).toBe(true);
  });

  it('sums a window of more than 10,000 events exactly (it was refused with 422)', async () => {
    const service = new BudgetUsageService(new InMemoryBudgetRepository(), context);
    for (let i = 0; i < 10_001; i += 500)
      await service.record(Array.from({ length: Math.min(500, 10_001 - i) }, () => spend));
    await expect(service.summary(30, 'provider')).resolves.toMatchObject({
      events: 10_001,
      groups: [{ key: 'openai', count: 10_001, cost_by_currency: { USD: '1000.1' } }],
    });
    const since = new Date(Date.now() - DAY).toISOString();
    await expect(service.spent({ since, currency: 'USD' })).resolves.toBe('1000.1');
  });

  it('answers whole-minute windows from totals, and a window starting mid-minute exactly too', async () => {
    const repo = new InMemoryBudgetRepository();
    const service = new BudgetUsageService(repo, context);
    const start = Date.now() - 30 * DAY;
    const offsets = [-90_000, -5_000, -1, 10_000, 40_000, 61_000, 3_700_000, DAY + 7, 29 * DAY];
    const events = offsets.map((o, i) =>
      at(start + o, { surface: i % 2 ? 'web' : 'app', cost: `${i}.000000000${i}` }),
    );
    await repo.appendUsage(scope, events);
    const summary = await service.summary(30, 'surface');
    expect(summary.since).toMatch(/:00\.000Z$/);
    expect(Date.parse(summary.since)).toBeGreaterThan(start - 60_000);
    const inWindow = events.filter((e) => e.created_at >= summary.since);
    expect(summary.events).toBe(inWindow.length);
    expect(summary.groups).toEqual(summarize(inWindow, 'surface'));
    const since = new Date(start + 5_000).toISOString();
    const web = events.filter((e) => e.created_at >= since && e.surface === 'web');
    await expect(service.spent({ since, currency: 'USD', surface: 'web' })).resolves.toBe(
      sumDecimals(web.map((e) => e.cost)),
    );
  });
});
