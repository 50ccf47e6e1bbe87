import {
  keysetCursor,
  STRING_CURSOR,
  type KeysetCursor,
  type ListRequest,
  type Page,
} from '../../common/http/pagination';

/** How a child listing is ordered: a sort key per item, compared ascending. */
export interface ListOrder<T, K> {
  key(item: T): K;
  compare(a: K, b: K): number;
  /** The cursor holding a key of this order. */
  cursor: KeysetCursor<K>;
}

/** Position of a clip in timeline order. */
interface ClipKey {
  start_ms: number;
  id: string;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const isClipKey = (value: unknown): value is ClipKey =>
  value !== null &&
  typeof value === 'object' &&
  typeof (value as Partial<ClipKey>).id === 'string' &&
  typeof (value as Partial<ClipKey>).start_ms === 'number';

/** Newest first (ids are time-ordered). */
export const NEWEST_FIRST: ListOrder<{ id: string }, string> = {
  key: (item) => item.id,
  compare: (a, b) => byString(b, a),
  cursor: STRING_CURSOR,
};

/** Oldest first: creation order. */
export const OLDEST_FIRST: ListOrder<{ id: string }, string> = {
  key: (item) => item.id,
  compare: byString,
  cursor: STRING_CURSOR,
};

/** Timeline order: by start, then id. */
export const TIMELINE_ORDER: ListOrder<{ id: string; start_ms: number }, ClipKey> = {
  key: (item) => ({ start_ms: item.start_ms, id: item.id }),
  compare: (a, b) => a.start_ms - b.start_ms || byString(a.id, b.id),
  cursor: keysetCursor(isClipKey),
};

/**
 * One page of a bounded child list held in memory (children are capped by TIMELINE_LIMITS),
 * with a keyset cursor: the next page starts after the last item's key, so deletions
 * between pages neither skip nor repeat items.
 */
export function pageOf<T, K>(
  items: T[],
  order: ListOrder<NoInfer<T>, K>,
  page: ListRequest,
): Page<T> {
  const { limit, position: after } = order.cursor.start(page);
  const sorted = [...items].sort((a, b) => order.compare(order.key(a), order.key(b)));
  const rest =
    after === undefined
      ? sorted
      : sorted.filter((item) => order.compare(order.key(item), after) > 0);
  return order.cursor.page(rest.slice(0, limit + 1), limit, (last) => order.key(last));
}
