import { Decimal } from 'decimal.js';
import type { UsageEvent, UsageGroupBy, UsageGroupTotals } from './budget.types';

/**
 * Decimal arithmetic wide enough to be exact here: sums of costs of 18 integer and 10
 * decimal digits stay far under 64 significant digits. No float ever touches money.
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

/** Decimal places of a cost (DECIMAL_FORMAT): a cost is an integer of 10^-10 units. */
const SCALE = 10;
/** Base of a cost limb: a limb of one cost is below 10^7, so 9 × 10^8 costs sum exactly in a double. */
const LIMB_BASE = 10_000_000n;
/** Four limbs of 7 digits hold the 28 digits of any cost (18 integer + 10 decimal). */
export const COST_LIMBS = 4;

/**
 * A cost as integer limbs, lowest first: `cost × 10^10 = Σ limb[k] × 10^(7k)`. Running totals
 * add limbs separately (each sum is an exact safe integer) and never carry.
 */
export function costLimbs(cost: string): number[] {
  const [whole, fraction = ''] = cost.split('.');
  let units = BigInt(`${whole ?? '0'}${fraction.padEnd(SCALE, '0')}`);
  return Array.from({ length: COST_LIMBS }, () => {
    const limb = Number(units % LIMB_BASE);
    units /= LIMB_BASE;
    return limb;
  });
}

/** The exact decimal of limb sums (`limbs[k]` may exceed the base: they are sums). */
export function costFromLimbs(limbs: readonly number[]): string {
  const units = limbs.reduce((sum, limb, k) => sum + BigInt(limb) * LIMB_BASE ** BigInt(k), 0n);
  return new Money(units.toString()).div(new Money(10).pow(SCALE)).toFixed();
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
