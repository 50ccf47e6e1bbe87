import type { Counters } from '../../common/aggregates/counters';

/** How long a cached sum is used: bounds staleness after an out-of-band write (a backfill). */
const TTL_MS = 10 * 60_000;
/** Most collections (scopes) with cached sums; the oldest is dropped first. */
const MAX_COLLECTIONS = 2_000;

/**
 * Sums of **closed** bucket ranges (buckets that ended before now minus a margin) per totals
 * collection. Events are timestamped by the server when written, so nothing new lands in a
 * closed bucket and its sum can be reused: a check then reads only the buckets still open.
 * Writes through the same adapter forget their collection's sums at once; other writers into
 * closed buckets (a backfill on another instance) are seen after {@link TTL_MS}.
 */
export class ClosedBucketCache {
  private readonly collections = new Map<string, Map<string, { at: number; sum: Counters }>>();

  get(collection: string, range: string, now: number): Counters | undefined {
    const hit = this.collections.get(collection)?.get(range);
    return hit !== undefined && now - hit.at < TTL_MS ? hit.sum : undefined;
  }

  set(collection: string, range: string, sum: Counters, now: number): void {
    let ranges = this.collections.get(collection);
    if (ranges === undefined) {
      if (this.collections.size >= MAX_COLLECTIONS) {
        const oldest = this.collections.keys().next().value;
        if (oldest !== undefined) this.collections.delete(oldest);
      }
      ranges = new Map();
      this.collections.set(collection, ranges);
    }
    ranges.set(range, { at: now, sum });
  }

  /** Drops every cached sum of `collection` and its subcollections. */
  forget(collection: string): void {
    this.collections.delete(collection);
  }
}
