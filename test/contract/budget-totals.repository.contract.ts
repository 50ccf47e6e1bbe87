import { addCounters, type Counters } from '../../src/common/aggregates/counters';
import { planWindow } from '../../src/common/aggregates/time-buckets';
import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { sumDecimals } from '../../src/features/budget/budget-money';
import { spentFrom, usageCounters } from '../../src/features/budget/budget-totals';
import { usageTotalsSince } from '../../src/features/budget/budget-window-totals';
import type { BudgetRepository } from '../../src/features/budget/budget.repository';
import type { UsageEvent } from '../../src/features/budget/budget.types';

const START = Date.parse('2024-05-01T00:00:00.000Z');
const SURFACES = ['web', 'app', 'api'];
const PROVIDERS = ['openai', 'anthropic', 'google'];

/** An event `ms` after 2024-05-01, its fields varied by `i`. */
const event = (i: number, ms: number, over: Partial<UsageEvent> = {}): UsageEvent => ({
  id: newSortableId(START + ms),
  provider: PROVIDERS[i % 3] as string,
  model: i % 2 ? 'gpt-4o-mini' : 'models/gemini-1.5-pro',
  surface: SURFACES[i % 3] as string,
  app: i % 4 ? 'checkout' : null,
  tool_id: i % 5 ? null : 'search',
  tokens_input: i,
  tokens_output: 2 * i,
  cost: `${i % 7}.${String(i).padStart(10, '0')}`,
  currency: i % 6 ? 'USD' : 'EUR',
  metadata: {},
  created_at: new Date(START + ms).toISOString(),
  created_by: 'u_a',
  ...over,
});

/** What a full recount of the ledger since `since` gives. */
async function recount(repo: BudgetRepository, s: Scope, since: string): Promise<Counters> {
  const all = await repo.listUsage(s, { since }, { limit: 100_000 });
  return all.reduce((sum, e) => addCounters(sum, usageCounters(e)), {} as Counters);
}

/**
 * Running totals of the usage ledger: every adapter keeps them with each append, and
 * totals read through {@link usageTotalsSince} equal a full recount of the events.
 */
export function budgetTotalsContract(
  make: () => Promise<{ repo: BudgetRepository; close(): Promise<void> }>,
): void {
  let repo: BudgetRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_btot_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('equals a full recount after 1,500 events appended concurrently across days, hours and minutes', async () => {
    const s = scope();
    const batches = Array.from({ length: 15 }, (_, b) =>
      Array.from({ length: 100 }, (_, i) => event(b * 100 + i, b * 15_555_555 + i * 61_013)),
    );
    await Promise.all(batches.map((batch) => repo.appendUsage(s, batch)));
    for (const since of ['2024-05-01T00:00:00.000Z', '2024-05-02T13:47:12.345Z']) {
      const totals = await usageTotalsSince(repo, s, since);
      expect(totals).toEqual(await recount(repo, s, since));
    }
    const whole = await usageTotalsSince(repo, s, '2024-04-30T00:00:00.000Z');
    expect(whole.n).toBe(1_500);
  }, 120_000);

  it('answers a window of more than 10,000 events from the totals', async () => {
    const s = scope();
    for (let b = 0; b < 21; b += 1) {
      const size = b === 20 ? 1 : 500;
      await repo.appendUsage(
        s,
        Array.from({ length: size }, (_, i) => event(i, b * 3_600_000 + i, { cost: '0.01' })),
      );
    }
    const totals = await usageTotalsSince(repo, s, '2024-05-01T00:00:00.000Z');
    expect(totals.n).toBe(10_001);
    expect(spentFrom(totals, { currency: 'USD' })).toBe(
      spentFrom(await recount(repo, s, '2024-05-01T00:00:00.000Z'), { currency: 'USD' }),
    );
  }, 240_000);

  it('keeps decimal totals exact: the largest costs and the smallest fraction, no float drift', async () => {
    const s = scope();
    const big = '999999999999999999.9999999999';
    const costs = [...Array.from({ length: 50 }, () => big), '0.0000000001', '0.1', '0.2'];
    await repo.appendUsage(
      s,
      costs.map((cost, i) => event(1, i * 1_000, { cost, currency: 'USD', surface: 'web' })),
    );
    const totals = await usageTotalsSince(repo, s, '2024-05-01T00:00:00.000Z');
    expect(spentFrom(totals, { currency: 'USD' })).toBe(sumDecimals(costs));
    expect(spentFrom(totals, { currency: 'USD' })).toBe('50000000000000000000.2999999951');
    expect(spentFrom(totals, { currency: 'USD', surface: 'app' })).toBe('0');
  });

  it('sums only the buckets asked for, and adds totals of events stored before totals were kept', async () => {
    const s = scope();
    const inMay = [event(1, 0), event(2, 86_400_000)];
    await repo.appendUsage(s, inMay);
    const plan = planWindow('2024-05-02T00:00:00.000Z', '2024-05-03T00:00:00.000Z');
    expect(await repo.sumUsageTotals(s, plan.buckets)).toEqual(
      usageCounters(inMay[1] as UsageEvent),
    );
    await repo.addUsageTotals(s, [event(3, 86_400_001)]);
    expect((await repo.sumUsageTotals(s, plan.buckets)).n).toBe(2);
  });
}
