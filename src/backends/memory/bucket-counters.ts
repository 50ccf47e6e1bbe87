import { addCounters, type Counters } from '../../common/aggregates/counters';
import type { BucketRange } from '../../common/aggregates/time-buckets';

/** Running totals per bucket key in memory: the dev/test twin of the sharded Firestore totals. */
export class BucketCounters {
  private readonly buckets = new Map<string, Counters>();

  /** Adds each bucket's counters. */
  add(byBucket: Map<string, Counters>): void {
    for (const [bucket, counters] of byBucket) {
      this.buckets.set(bucket, addCounters(this.buckets.get(bucket) ?? {}, counters));
    }
  }

  /** The sum of every counter over the buckets in `ranges`. */
  sum(ranges: readonly BucketRange[]): Counters {
    const total: Counters = {};
    for (const [bucket, counters] of this.buckets) {
      if (ranges.some((r) => bucket >= r.from && bucket < r.to)) addCounters(total, counters);
    }
    return total;
  }

  /** How many buckets hold totals. */
  get size(): number {
    return this.buckets.size;
  }

  /**
   * Every bucket with a copy of its counters, in bucket-key order (days, then hours, then
   * minutes): the totals a move copies.
   */
  entries(): [string, Counters][] {
    return [...this.buckets]
      .map(([bucket, counters]): [string, Counters] => [bucket, { ...counters }])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Sets a bucket to exactly `counters` (totals copied from another store), replacing any. */
  set(bucket: string, counters: Counters): void {
    this.buckets.set(bucket, { ...counters });
  }
}
