import type { ScopeRecord } from '../scope-data/scope-data';
import { COUNTER_NAME, type Counters } from './counters';

/** A day, hour or minute bucket key (`d|2024-05-01`, `h|2024-05-01T13`, `m|2024-05-01T13:45`). */
const BUCKET_KEY =
  /^(d\|\d{4}-\d{2}-\d{2}|h\|\d{4}-\d{2}-\d{2}T\d{2}|m\|\d{4}-\d{2}-\d{2}T\d{2}:\d{2})$/;

/**
 * One bucket of a kind's running totals as a record of a move: id = the bucket key, data =
 * `{ counters }` summed over however the store splits them (shards). Totals move as they
 * are rather than being recounted from the records: they need not equal a recount (a ledger
 * written before totals were kept counts only once backfilled), and an import that added
 * counts would not be idempotent record by record, while one that sets a bucket is.
 */
export function totalsRecord(collection: string, bucket: string, counters: Counters): ScopeRecord {
  return { collection, id: bucket, data: { counters } };
}

/** The bucket and counters of a {@link totalsRecord}, checked (names, safe integers, key). */
export function totalsOfRecord(record: ScopeRecord): [string, Counters] {
  const fail = (why: string): never => {
    throw new Error(`Totals record ${record.collection}/${record.id}: ${why}`);
  };
  if (!BUCKET_KEY.test(record.id)) fail('the id is not a day, hour or minute bucket key');
  const counters = (record.data as { counters?: unknown } | null)?.counters;
  if (typeof counters !== 'object' || counters === null || Array.isArray(counters))
    return fail('data.counters is not a map of counters');
  const out: Counters = {};
  for (const [name, value] of Object.entries(counters as Record<string, unknown>)) {
    if (!COUNTER_NAME.test(name)) fail(`counter name "${name}" is not a field name`);
    if (!Number.isSafeInteger(value)) fail(`counter "${name}" is not a safe integer`);
    out[name] = value as number;
  }
  return [record.id, out];
}
