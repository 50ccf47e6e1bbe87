import { randomInt } from 'node:crypto';
import {
  FieldValue,
  type CollectionReference,
  type DocumentData,
  type WriteBatch,
} from '@google-cloud/firestore';
import { addCounters, COUNTER_NAME, type Counters } from '../../common/aggregates/counters';
import {
  bucketKey,
  type BucketLevel,
  type BucketRange,
} from '../../common/aggregates/time-buckets';
import { ClosedBucketCache } from './closed-bucket-cache';

/**
 * A bucket that ended this long ago is closed: no instance still writes into it (events are
 * timestamped by the server; this covers clock skew between instances and slow commits).
 */
const CLOSED_MARGIN_MS = 2 * 60_000;

/** Prefix of counter fields in a shard document (the other fields say which shard it is). */
const FIELD_PREFIX = 'c_';

/**
 * Running totals in shard documents of time buckets (`bucketKey`): document id
 * `{bucket}|{shard}`, fields `bucket`, `shard` and one top-level integer field per counter.
 * Day buckets live in the root collection, the hours of a day in `{root}/d|{day}/hours`, the
 * minutes of an hour in `.../hours/h|{hour}/minutes`, so every range a window plan asks for
 * (minutes within one hour, hours within one day, days) is one single-field range query on
 * `bucket` over a small collection (no composite index).
 *
 * A write increments the counters of one random shard of each bucket
 * (`FieldValue.increment`, exact on int64), so concurrent writers spread over `shards`
 * documents instead of queueing on one; a read sums every shard. Counters are top-level
 * fields because increments of nested map fields are not available on the emulator the
 * tests run against.
 */
export class ShardedCounters {
  constructor(
    private readonly col: CollectionReference,
    private readonly shards: number,
    private readonly cache: ClosedBucketCache = new ClosedBucketCache(),
  ) {}

  /** Adds each bucket's counters to one random shard of it, as writes of `batch`. */
  add(batch: WriteBatch, byBucket: Map<string, Counters>, fields: DocumentData = {}): void {
    for (const [bucket, counters] of byBucket) {
      const shard = randomInt(this.shards);
      const increments: DocumentData = {};
      for (const [name, value] of Object.entries(counters)) {
        if (!COUNTER_NAME.test(name)) throw new Error(`Counter name "${name}" is not a field name`);
        increments[FIELD_PREFIX + name] = FieldValue.increment(value);
      }
      const data = { ...fields, bucket, shard, ...increments };
      batch.set(this.collectionOf(bucket).doc(`${bucket}|${shard}`), data, { merge: true });
    }
    this.cache.forget(this.col.path);
  }

  /**
   * The sum of every counter over all shards of the buckets in `ranges`. The part of a range
   * that closed before now minus {@link CLOSED_MARGIN_MS} is read once and then reused from
   * the cache ({@link ClosedBucketCache}); the open part is read every time.
   */
  async sum(ranges: readonly BucketRange[], now = Date.now()): Promise<Counters> {
    const closedAt = new Date(now - CLOSED_MARGIN_MS).toISOString();
    const parts = ranges.flatMap((r) => {
      const open = bucketKey(r.from.slice(0, 1) as BucketLevel, closedAt);
      return [
        { from: r.from, to: r.to < open ? r.to : open, closed: true },
        { from: r.from > open ? r.from : open, to: r.to, closed: false },
      ].filter((p) => p.from < p.to);
    });
    const sums = await Promise.all(parts.map((p) => this.sumPart(p, now)));
    return sums.reduce((total, sum) => addCounters(total, sum), {});
  }

  private async sumPart(part: BucketRange & { closed: boolean }, now: number): Promise<Counters> {
    const key = `${part.from}..${part.to}`;
    const cached = part.closed ? this.cache.get(this.col.path, key, now) : undefined;
    if (cached !== undefined) return cached;
    const col = this.collectionOf(part.from);
    const snap = await col.where('bucket', '>=', part.from).where('bucket', '<', part.to).get();
    const total: Counters = {};
    for (const doc of snap.docs) {
      for (const [field, value] of Object.entries(doc.data())) {
        if (field.startsWith(FIELD_PREFIX) && typeof value === 'number')
          addCounters(total, { [field.slice(FIELD_PREFIX.length)]: value });
      }
    }
    if (part.closed) this.cache.set(this.col.path, key, total, now);
    return total;
  }

  /** The collection holding the shards of `bucket` (and of its neighbours of the same level). */
  private collectionOf(bucket: string): CollectionReference {
    const level = bucket.slice(0, 1);
    if (level === 'd') return this.col;
    const day = this.col.doc(`d|${bucket.slice(2, 12)}`).collection('hours');
    return level === 'h' ? day : day.doc(`h|${bucket.slice(2, 15)}`).collection('minutes');
  }
}
