import { bucketsOf } from './time-buckets';

/**
 * A set of named integer counters (event counts, token sums, money in exact integer limbs).
 * Names are identifier-safe (`[A-Za-z0-9_]`), so a store can keep each as one top-level
 * field and increment it atomically. Values stay safe integers: every counter a record adds
 * is bounded, and callers choose bounds so that sums stay below 2^53.
 */
export type Counters = Record<string, number>;

/** Names are made of these characters only. */
export const COUNTER_NAME = /^[A-Za-z0-9_]+$/;

/** Adds `more` into `into` (mutates and returns `into`). */
export function addCounters(into: Counters, more: Counters): Counters {
  for (const [name, value] of Object.entries(more)) into[name] = (into[name] ?? 0) + value;
  return into;
}

/** A value as a counter-name segment: `x` for null, else `v` + its UTF-8 bytes in hex. */
export function counterKey(value: string | null): string {
  return value === null ? 'x' : `v${Buffer.from(value, 'utf8').toString('hex')}`;
}

/** The value a {@link counterKey} segment stands for. */
export function counterKeyValue(segment: string): string | null {
  return segment === 'x' ? null : Buffer.from(segment.slice(1), 'hex').toString('utf8');
}

/**
 * The counters a batch of records adds to each bucket (day, hour and minute of its time),
 * summed per bucket, so a batch writes each bucket once.
 */
export function countersByBucket<T>(
  records: readonly T[],
  timeOf: (r: T) => string,
  countersOf: (r: T) => Counters,
): Map<string, Counters> {
  const byBucket = new Map<string, Counters>();
  for (const record of records) {
    const counters = countersOf(record);
    for (const bucket of bucketsOf(timeOf(record))) {
      const into = byBucket.get(bucket) ?? {};
      byBucket.set(bucket, addCounters(into, counters));
    }
  }
  return byBucket;
}
