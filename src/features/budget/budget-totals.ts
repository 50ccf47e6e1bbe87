import { counterKey, counterKeyValue, type Counters } from '../../common/aggregates/counters';
import { COST_LIMBS, costFromLimbs, costLimbs } from './budget-money';
import type { UsageEvent, UsageFilter, UsageGroupBy, UsageGroupTotals } from './budget.types';

/**
 * The running totals of usage as named counters, so they can be summed bucket by bucket:
 * - `n`: events;
 * - `s_{surface}_{app}_{currency}_{k}`: cost limb k of the spend a policy check reads;
 * - `g_{dim}_{key}_n|i|o`: events, input and output tokens per group of a summary;
 * - `g_{dim}_{key}_c_{currency}_{k}`: cost limb k per group and currency.
 * Keys are {@link counterKey}s; costs are exact integer limbs ({@link costLimbs}).
 */
const DIMENSIONS: Record<UsageGroupBy, string> = {
  provider: 'p',
  surface: 's',
  model: 'm',
  tool_id: 't',
};

/** Limb k of a cost as counters under `prefix`; limb 0 always, so a zero cost still names its currency. */
function limbCounters(prefix: string, limbs: readonly number[], into: Counters): void {
  limbs.forEach((limb, k) => {
    if (k === 0 || limb !== 0) into[`${prefix}_${k}`] = limb;
  });
}

/** What one event adds to the running totals. */
export function usageCounters(e: UsageEvent): Counters {
  const limbs = costLimbs(e.cost);
  const counters: Counters = { n: 1 };
  limbCounters(`s_${counterKey(e.surface)}_${counterKey(e.app)}_${e.currency}`, limbs, counters);
  for (const [dim, code] of Object.entries(DIMENSIONS) as [UsageGroupBy, string][]) {
    const group = `g_${code}_${counterKey(e[dim])}`;
    counters[`${group}_n`] = 1;
    counters[`${group}_i`] = e.tokens_input;
    counters[`${group}_o`] = e.tokens_output;
    limbCounters(`${group}_c_${e.currency}`, limbs, counters);
  }
  return counters;
}

function addLimb(sums: Map<string, number[]>, key: string, k: string, value: number): void {
  const limbs = sums.get(key) ?? new Array<number>(COST_LIMBS).fill(0);
  limbs[Number(k)] = (limbs[Number(k)] ?? 0) + value;
  sums.set(key, limbs);
}

/** The exact spend in `filter.currency`, on `filter.surface` and `filter.app` when given. */
export function spentFrom(counters: Counters, filter: UsageFilter & { currency: string }): string {
  const limbs = new Map<string, number[]>();
  for (const [name, value] of Object.entries(counters)) {
    const [kind, surface = '', app = '', currency, k = '0'] = name.split('_');
    if (kind !== 's' || currency !== filter.currency) continue;
    if (filter.surface !== undefined && counterKeyValue(surface) !== filter.surface) continue;
    if (filter.app !== undefined && counterKeyValue(app) !== filter.app) continue;
    addLimb(limbs, '', k, value);
  }
  return costFromLimbs(limbs.get('') ?? [0]);
}

interface GroupSums {
  count: number;
  tokens_input: number;
  tokens_output: number;
  costs: Map<string, number[]>;
}

/** Counts, exact costs per currency and token totals per group, groups sorted by key (null last). */
export function groupsFrom(counters: Counters, groupBy: UsageGroupBy): UsageGroupTotals[] {
  const prefix = `g_${DIMENSIONS[groupBy]}_`;
  const groups = new Map<string, GroupSums>();
  for (const [name, value] of Object.entries(counters)) {
    if (!name.startsWith(prefix)) continue;
    const [key = '', field, currency = '', k = '0'] = name.slice(prefix.length).split('_');
    const g = groups.get(key) ?? {
      count: 0,
      tokens_input: 0,
      tokens_output: 0,
      costs: new Map<string, number[]>(),
    };
    if (field === 'n') g.count += value;
    else if (field === 'i') g.tokens_input += value;
    else if (field === 'o') g.tokens_output += value;
    else addLimb(g.costs, currency, k, value);
    groups.set(key, g);
  }
  return [...groups.entries()]
    .map(([key, g]) => ({ key: counterKeyValue(key), g }))
    .filter(({ g }) => g.count > 0)
    .sort(({ key: a }, { key: b }) =>
      a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1,
    )
    .map(({ key, g }) => ({
      key,
      count: g.count,
      cost_by_currency: Object.fromEntries(
        [...g.costs.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([currency, limbs]) => [currency, costFromLimbs(limbs)]),
      ),
      tokens_input: g.tokens_input,
      tokens_output: g.tokens_output,
    }));
}
