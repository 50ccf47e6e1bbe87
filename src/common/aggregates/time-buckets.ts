/**
 * Running totals are kept per UTC day, hour and minute bucket. Any time range `[since,
 * until)` splits into whole buckets (coarsest that fit) plus at most two raw edges shorter
 * than a minute, so a range over a year reads at most about 366 + 2 × (23 + 59) buckets
 * whatever the number of events in it.
 */
export type BucketLevel = 'd' | 'h' | 'm';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Length of the ISO-8601 prefix that names a bucket of each level (`2024-05-01T13:45`). */
const PREFIX_LENGTH: Record<BucketLevel, number> = { d: 10, h: 13, m: 16 };

/** Bucket keys of one level, `from` inclusive and `to` exclusive; they compare as strings. */
export interface BucketRange {
  from: string;
  to: string;
}

/** A time range read from raw records: `since` inclusive, `until` exclusive (ISO-8601 UTC). */
export interface RawRange {
  since: string;
  until: string;
}

/** How to answer a range exactly: the sum of the buckets plus the records of the raw ranges. */
export interface WindowPlan {
  buckets: BucketRange[];
  raw: RawRange[];
}

/** The bucket of `level` holding the instant `iso` (`d|2024-05-01`, `h|2024-05-01T13`). */
export function bucketKey(level: BucketLevel, iso: string): string {
  return `${level}|${iso.slice(0, PREFIX_LENGTH[level])}`;
}

/** The three buckets (day, hour, minute) an instant counts in. */
export function bucketsOf(iso: string): string[] {
  return [bucketKey('d', iso), bucketKey('h', iso), bucketKey('m', iso)];
}

const iso = (ms: number): string => new Date(ms).toISOString();
const ceilTo = (ms: number, size: number): number => Math.ceil(ms / size) * size;
const floorTo = (ms: number, size: number): number => Math.floor(ms / size) * size;

/**
 * Splits `[since, until)` (ISO-8601 UTC; no `until` = open-ended) into buckets and raw
 * edges: climb from `since` by minutes to the next hour and by hours to the next day, take
 * whole days, then descend by hours and minutes towards `until`. Every instant of the range
 * is in exactly one part.
 */
export function planWindow(since: string, until?: string): WindowPlan {
  const start = Date.parse(since);
  const end = until === undefined ? Infinity : Date.parse(until);
  const plan: WindowPlan = { buckets: [], raw: [] };
  const addBuckets = (level: BucketLevel, from: number, to: number): void => {
    const toKey = to === Infinity ? `${level}|~` : bucketKey(level, iso(to));
    plan.buckets.push({ from: bucketKey(level, iso(from)), to: toKey });
  };
  let cur = Math.min(ceilTo(start, MINUTE), end);
  if (start < cur) plan.raw.push({ since, until: iso(cur) });
  for (const [level, next] of [
    ['m', HOUR],
    ['h', DAY],
  ] as const) {
    const boundary = ceilTo(cur, next);
    if (boundary > end) break;
    if (cur < boundary) addBuckets(level, cur, boundary);
    cur = boundary;
  }
  for (const [level, size] of [
    ['d', DAY],
    ['h', HOUR],
    ['m', MINUTE],
  ] as const) {
    const boundary = end === Infinity ? (level === 'd' ? Infinity : cur) : floorTo(end, size);
    if (boundary > cur) addBuckets(level, cur, boundary);
    cur = Math.max(cur, boundary);
  }
  if (cur < end) plan.raw.push({ since: iso(cur), until: iso(end) });
  return plan;
}
