import { newSortableId } from '../../src/common/ids/sortable-id';
import type { Scope } from '../../src/common/scope/scope';
import { groupsFrom, spentFrom } from '../../src/features/budget/budget-totals';
import { usageTotalsSince } from '../../src/features/budget/budget-window-totals';
import type { BudgetRepository } from '../../src/features/budget/budget.repository';
import {
  ANY,
  USAGE_GROUP_BY,
  usageSortKey,
  windowStart,
  type BudgetPolicy,
  type UsageEvent,
} from '../../src/features/budget/budget.types';
import type { ScopeDataContractOptions } from './scope-data.contract';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A usage event at `at` (ms since epoch), its fields varied by `i`. */
const event = (i: number, at: number, over: Partial<UsageEvent> = {}): UsageEvent => ({
  id: newSortableId(at),
  provider: ['openai', 'anthropic', 'google'][i % 3] as string,
  model: i % 2 ? 'gpt-4o-mini' : 'models/gemini-1.5-pro',
  surface: i % 3 ? 'web' : 'app',
  app: i % 4 ? 'checkout' : null,
  tool_id: i % 5 ? null : 'search',
  tokens_input: 10 * i,
  tokens_output: i,
  cost: `${i % 4}.${String(i * 37).padStart(4, '0')}`,
  currency: i % 5 === 4 ? 'EUR' : 'USD',
  metadata: i % 2 ? { run: i, cached: true } : {},
  created_at: new Date(at).toISOString(),
  created_by: 'u_a',
  ...over,
});

/** Events of 2024 (closed buckets, several in one minute) and of the last days (open windows). */
function ledger(): UsageEvent[][] {
  const old = Date.parse('2024-05-01T10:15:20.000Z');
  const now = Date.now();
  return [
    [0, 1, 2].map((i) => event(i, old + i * 1_000)),
    [3, 4].map((i) => event(i, old + i * 61_000 + 2 * HOUR)),
    [event(5, old + 3 * DAY)],
    [6, 7, 8].map((i) => event(i, now - 10 * DAY - i * HOUR)),
    [9, 10, 11, 12].map((i) => event(i, now - 2 * HOUR - i * 60_000)),
  ];
}

/** What `GET /budget/check` answers of `policy` (its spend over its window), time-free. */
async function checkOf(repo: BudgetRepository, scope: Scope, policy: BudgetPolicy) {
  const filter = {
    currency: policy.currency,
    ...(policy.surface === ANY ? {} : { surface: policy.surface }),
    ...(policy.app === ANY ? {} : { app: policy.app }),
  };
  const totals = await usageTotalsSince(repo, scope, windowStart(policy.window_days), filter);
  return { policy: policy.id, spent: spentFrom(totals, filter) };
}

const ALL_TIME = '2024-01-01T00:00:00.000Z';
/** Every day, the hours of the first day and the minutes of its first hour, read bucket by bucket. */
const BUCKET_RANGES = [
  { from: 'd|', to: 'd|~' },
  { from: 'h|2024-05-01T00', to: 'h|2024-05-01T~' },
  { from: 'm|2024-05-01T10:00', to: 'm|2024-05-01T10:~' },
];

/**
 * Budget for the scope-data round trip: usage events across days, hours and minutes (and
 * so running totals in every bucket level) and policies (one replaced, version 2).
 */
export const budgetScopeData: ScopeDataContractOptions<BudgetRepository> = {
  async seed(repo, scope: Scope) {
    for (const batch of ledger()) await repo.appendUsage(scope, batch);
    const policy = { threshold: '100', window_days: 7, currency: 'USD' };
    await repo.putPolicy(scope, { ...policy, surface: ANY, app: ANY }, { actor: 'u_a' });
    await repo.putPolicy(
      scope,
      { ...policy, surface: ANY, app: ANY, threshold: '250.5', window_days: 30 },
      { actor: 'u_b', expectedVersion: 1 },
    );
    await repo.putPolicy(scope, { ...policy, surface: 'web', app: 'checkout' }, { actor: 'u_a' });
    await repo.putPolicy(
      scope,
      { ...policy, surface: 'app', app: ANY, currency: 'EUR', window_days: 366 },
      { actor: 'u_a' },
    );
  },

  /** The ledger and policies as listed and got, and what checks, spend and summaries answer. */
  async read(repo, scope) {
    const usage = await repo.listUsage(scope, {}, { limit: 100 });
    const policies = await repo.listPolicies(scope, { limit: 100 });
    const totals = await usageTotalsSince(repo, scope, ALL_TIME);
    return {
      usage,
      gets: await Promise.all(usage.map((e) => repo.getUsage(scope, e.id))),
      webUsd: await repo.listUsage(scope, { surface: 'web', currency: 'USD' }, { limit: 100 }),
      secondPage: await repo.listUsage(
        scope,
        {},
        { limit: 3, before: usageSortKey(usage[2] as UsageEvent) },
      ),
      policies,
      fallback: await repo.getPolicy(scope, ANY, ANY),
      webCheckout: await repo.getPolicy(scope, 'web', 'checkout'),
      checks: await Promise.all(policies.map((p) => checkOf(repo, scope, p))),
      events: totals.n,
      summaries: USAGE_GROUP_BY.map((by) => groupsFrom(totals, by)),
      spent: ['USD', 'EUR'].map((currency) => spentFrom(totals, { currency })),
      bucketSums: await Promise.all(BUCKET_RANGES.map((r) => repo.sumUsageTotals(scope, [r]))),
    };
  },
};
