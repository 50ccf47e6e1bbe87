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
import { deleteCollections, documentsOf } from './scope-documents';

/** Writes per commit when buckets are replaced: a bucket is `shards` deletes (500 allowed). */
const REPLACE_WRITES = 400;

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
      const increments = counterFields(counters, (n) => FieldValue.increment(n));
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

  /**
   * Every bucket with its counters summed over its shards, in bucket-key order: all days,
   * then all hours, then all minutes (the totals a move copies). A parent is always read
   * before its children, and an import that writes them in this order never leaves an hour
   * without its day (the only way {@link clear} and this method find hours and minutes).
   */
  async *buckets(): AsyncIterable<[string, Counters]> {
    const days: string[] = [];
    for await (const [bucket, counters] of bucketsIn(this.col)) {
      days.push(bucket);
      yield [bucket, counters];
    }
    const hours: string[] = [];
    for (const day of days) {
      for await (const [bucket, counters] of bucketsIn(this.childrenOf(day))) {
        hours.push(bucket);
        yield [bucket, counters];
      }
    }
    for (const hour of hours) yield* bucketsIn(this.childrenOf(hour));
  }

  /**
   * Sets each bucket to exactly its counters (totals copied from another store): its shards
   * are deleted, then shard 0 is written, so the same totals written again change nothing.
   * Two commits, as a `set()` dropping old counters is not to be relied on
   * (docs/firestore-emulator.md); the bucket reads empty between them, which a move accepts
   * (its target is not read yet; an interrupted import runs again). Written in the order
   * given: days before their hours ({@link buckets}).
   */
  async replace(byBucket: readonly [string, Counters][], fields: DocumentData = {}): Promise<void> {
    const perBatch = Math.max(1, Math.floor(REPLACE_WRITES / this.shards));
    for (let i = 0; i < byBucket.length; i += perBatch) {
      const group = byBucket.slice(i, i + perBatch);
      const deletes = this.col.firestore.batch();
      const sets = this.col.firestore.batch();
      for (const [bucket, counters] of group) {
        const col = this.collectionOf(bucket);
        for (let shard = 0; shard < this.shards; shard += 1)
          deletes.delete(col.doc(`${bucket}|${shard}`));
        const values = counterFields(counters, (n) => n);
        sets.set(col.doc(`${bucket}|0`), { ...fields, bucket, shard: 0, ...values });
      }
      await deletes.commit();
      await sets.commit();
      this.cache.forget(this.col.path);
    }
  }

  /** Deletes every shard of every bucket: minutes, then hours, then days (children first). */
  async clear(): Promise<void> {
    const days: string[] = [];
    for await (const [day] of bucketsIn(this.col)) days.push(day);
    for (const day of days) {
      const hours = this.childrenOf(day);
      for await (const [hour] of bucketsIn(hours)) await deleteCollections([this.childrenOf(hour)]);
      await deleteCollections([hours]);
    }
    await deleteCollections([this.col]);
    this.cache.forget(this.col.path);
  }

  /** The collection of the hours of a day bucket, or of the minutes of an hour bucket. */
  private childrenOf(bucket: string): CollectionReference {
    return bucket.startsWith('d|')
      ? this.col.doc(bucket).collection('hours')
      : this.collectionOf(bucket).doc(bucket).collection('minutes');
  }

  /** The collection holding the shards of `bucket` (and of its neighbours of the same level). */
  private collectionOf(bucket: string): CollectionReference {
    const level = bucket.slice(0, 1);
    if (level === 'd') return this.col;
    const day = this.col.doc(`d|${bucket.slice(2, 12)}`).collection('hours');
    return level === 'h' ? day : day.doc(`h|${bucket.slice(2, 15)}`).collection('minutes');
  }
}

/** Counters as the top-level fields of a shard document, each value made by `value`. */
function counterFields(counters: Counters, value: (n: number) => unknown): DocumentData {
  const out: DocumentData = {};
  for (const [name, n] of Object.entries(counters)) {
    if (!COUNTER_NAME.test(name)) throw new Error(`Counter name "${name}" is not a field name`);
    out[FIELD_PREFIX + name] = value(n);
  }
  return out;
}

/**
 * The buckets of one shard collection with their counters summed over shards, in bucket-key
 * order. A collection holds the buckets of one level under one parent (at most 60 minutes,
 * 24 hours, or the days), so they are summed whole rather than relying on the order the
 * store returns shard documents in.
 */
async function* bucketsIn(col: CollectionReference): AsyncIterable<[string, Counters]> {
  const sums = new Map<string, Counters>();
  for await (const doc of documentsOf(col)) {
    const bucket = doc.get('bucket') as unknown;
    if (typeof bucket !== 'string') throw new Error(`Totals shard ${doc.ref.path} has no bucket`);
    const into = sums.get(bucket) ?? {};
    for (const [field, value] of Object.entries(doc.data())) {
      if (field.startsWith(FIELD_PREFIX) && typeof value === 'number')
        addCounters(into, { [field.slice(FIELD_PREFIX.length)]: value });
    }
    sums.set(bucket, into);
  }
  yield* [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
