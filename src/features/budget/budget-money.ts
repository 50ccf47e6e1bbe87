import { Decimal } from 'decimal.js';
import type { UsageEvent, UsageGroupBy, UsageGroupTotals } from './budget.types';

/**
 * Decimal arithmetic wide enough to be exact here: at most 10 000 costs of 18 integer and
 * 10 decimal digits sum to under 33 significant digits. No float ever touches money.
 */
const Money = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_EVEN });

/** A decimal string in plain notation without trailing zeros (`"1.50"` → `"1.5"`). */
export function normalizeDecimal(value: string): string {
  return new Money(value).toFixed();
}

/** The exact sum of decimal strings. */
export function sumDecimals(values: readonly string[]): string {
  return values.reduce((sum, v) => sum.plus(v), new Money(0)).toFixed();
}

/** Compares two decimal strings: -1, 0 or 1. */
export function compareDecimals(a: string, b: string): number {
  return new Money(a).comparedTo(b);
}

/** `a - b`, floored at zero. */
export function remainingOf(threshold: string, spent: string): string {
  return Decimal.max(new Money(threshold).minus(spent), 0).toFixed();
}

/** Counts, exact costs per currency and token totals per group, groups sorted by key (null last). */
export function summarize(
  events: readonly UsageEvent[],
  groupBy: UsageGroupBy,
): UsageGroupTotals[] {
  const groups = new Map<
    string | null,
    { count: number; costs: Map<string, string[]>; tin: number; tout: number }
  >();
  for (const e of events) {
    const key = e[groupBy];
    const g = groups.get(key) ?? { count: 0, costs: new Map<string, string[]>(), tin: 0, tout: 0 };
    g.count += 1;
    g.tin += e.tokens_input;
    g.tout += e.tokens_output;
    const costs = g.costs.get(e.currency) ?? [];
    costs.push(e.cost);
    g.costs.set(e.currency, costs);
    groups.set(key, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map(([key, g]) => ({
      key,
      count: g.count,
      cost_by_currency: Object.fromEntries(
        [...g.costs.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([c, costs]) => [c, sumDecimals(costs)]),
      ),
      tokens_input: g.tin,
      tokens_output: g.tout,
    }));
}
