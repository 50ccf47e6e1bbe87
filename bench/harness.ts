/**
 * Timing helpers. Variants of one benchmark run interleaved in the same rounds (the order
 * rotates every round), so a noisy neighbour slows all of them alike; results are medians
 * over rounds and ratios are the median of the per-round ratios.
 */

/** Keeps results observable so the optimiser cannot drop the measured work. */
let sink: unknown;
export function consume(value: unknown): void {
  sink = value;
}
/** The last consumed value (exported so the sink is observable). */
export function lastConsumed(): unknown {
  return sink;
}

export interface Sample {
  /** Median nanoseconds per operation over the measured rounds. */
  medianNs: number;
  /** Interquartile range of the rounds relative to the median (0.05 = ±5 %). */
  spread: number;
  /** ns/op of every measured round, in round order. */
  rounds: number[];
}

export interface RunOptions {
  warmupRounds: number;
  rounds: number;
  /** Operations per round and variant. */
  ops: number;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

export function toSample(rounds: number[]): Sample {
  const mid = median(rounds);
  return { medianNs: mid, spread: (quantile(rounds, 0.75) - quantile(rounds, 0.25)) / mid, rounds };
}

/** Median of the per-round ratios `a / b` (rounds are paired: same time slice). */
export function pairedRatio(a: Sample, b: Sample): number {
  return median(a.rounds.map((ns, i) => ns / (b.rounds[i] as number)));
}

function elapsedNs(start: bigint): number {
  return Number(process.hrtime.bigint() - start);
}

function rotated<T>(items: T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** Runs synchronous variants `fn(i)` for `ops` iterations each per round. */
export function compareSync(
  variants: Record<string, (i: number) => unknown>,
  opts: RunOptions,
): Record<string, Sample> {
  const names = Object.keys(variants);
  const results: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < opts.warmupRounds + opts.rounds; round++) {
    for (const name of rotated(names, round)) {
      const fn = variants[name] as (i: number) => unknown;
      const start = process.hrtime.bigint();
      for (let i = 0; i < opts.ops; i++) consume(fn(i));
      const ns = elapsedNs(start) / opts.ops;
      if (round >= opts.warmupRounds) results[name]?.push(ns);
    }
  }
  return Object.fromEntries(names.map((n) => [n, toSample(results[n] ?? [])]));
}

/** Same as {@link compareSync} for variants returning promises, awaited one at a time. */
export async function compareAsync(
  variants: Record<string, (i: number) => Promise<unknown>>,
  opts: RunOptions,
): Promise<Record<string, Sample>> {
  const names = Object.keys(variants);
  const results: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < opts.warmupRounds + opts.rounds; round++) {
    for (const name of rotated(names, round)) {
      const fn = variants[name] as (i: number) => Promise<unknown>;
      const start = process.hrtime.bigint();
      for (let i = 0; i < opts.ops; i++) consume(await fn(i));
      const ns = elapsedNs(start) / opts.ops;
      if (round >= opts.warmupRounds) results[name]?.push(ns);
    }
  }
  return Object.fromEntries(names.map((n) => [n, toSample(results[n] ?? [])]));
}

/** Times one call of `fn` (for operations that take milliseconds). */
export function timeOnce(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  consume(fn());
  return elapsedNs(start);
}
