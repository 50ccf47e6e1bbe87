import type { DocumentData, Query } from '@google-cloud/firestore';

/** A filter value of an equality; undefined means "no filter on this field". */
export type EqualityValue = string | number | boolean | undefined;

/**
 * `query` narrowed by `field == value` for every field whose value is given, in the order
 * the fields are named (the composite indexes of firestore.indexes.json list these fields).
 */
export function whereEqual(query: Query, filters: Record<string, EqualityValue>): Query {
  let narrowed = query;
  for (const [field, value] of Object.entries(filters)) {
    if (value !== undefined) narrowed = narrowed.where(field, '==', value);
  }
  return narrowed;
}

/**
 * A keyset page ordered by `key` descending (newest first for sortable ids and sort keys):
 * `key >= from` when given, `key <` the lower of `until` and `before` (the previous page's
 * last key), at most `limit`. Keyset bounds rather than `startAfter`/`offset`, which the
 * emulator does not honour.
 */
export interface DescendingWindow {
  limit: number;
  before?: string | undefined;
  from?: string | undefined;
  until?: string | undefined;
}

/** Runs `query` over a {@link DescendingWindow} on `key` and reads each document with `read`. */
export async function readDescending<T>(
  query: Query,
  read: (data: DocumentData) => T,
  window: DescendingWindow,
  key = 'id',
): Promise<T[]> {
  let bounded = query;
  if (window.from !== undefined) bounded = bounded.where(key, '>=', window.from);
  const upper = [window.until, window.before].filter((v): v is string => v !== undefined).sort()[0];
  if (upper !== undefined) bounded = bounded.where(key, '<', upper);
  const snap = await bounded.orderBy(key, 'desc').limit(window.limit).get();
  return snap.docs.map((doc) => read(doc.data()));
}

/**
 * A keyset page ordered by `key` ascending (lists by name, messages oldest first): `key >
 * page.after` when given, at most `page.limit`, each document read with `read`.
 */
export async function readAscending<T>(
  query: Query,
  read: (data: DocumentData) => T,
  page: { limit: number; after?: string | undefined },
  key: string,
): Promise<T[]> {
  const bounded = page.after === undefined ? query : query.where(key, '>', page.after);
  const snap = await bounded.orderBy(key, 'asc').limit(page.limit).get();
  return snap.docs.map((doc) => read(doc.data()));
}
