import { decodeCursor, toPage, type Page } from '../../common/http/pagination';

/** How a child listing is ordered: a sort key per item, compared ascending. */
export interface ListOrder<T, K extends Record<string, string | number>> {
  key(item: T): K;
  compare(a: K, b: K): number;
  /** Whether a decoded cursor has this key's shape. */
  isKey(value: Record<string, unknown>): boolean;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const isId = (v: Record<string, unknown>): boolean => typeof v.id === 'string';

/** Newest first (ids are time-ordered). */
export const NEWEST_FIRST: ListOrder<{ id: string }, { id: string }> = {
  key: (item) => ({ id: item.id }),
  compare: (a, b) => byString(b.id, a.id),
  isKey: isId,
};

/** Oldest first: creation order. */
export const OLDEST_FIRST: ListOrder<{ id: string }, { id: string }> = {
  key: (item) => ({ id: item.id }),
  compare: (a, b) => byString(a.id, b.id),
  isKey: isId,
};

/** Timeline order: by start, then id. */
export const TIMELINE_ORDER: ListOrder<
  { id: string; start_ms: number },
  { id: string; start_ms: number }
> = {
  key: (item) => ({ start_ms: item.start_ms, id: item.id }),
  compare: (a, b) => a.start_ms - b.start_ms || byString(a.id, b.id),
  isKey: (v) => isId(v) && typeof v.start_ms === 'number',
};

/**
 * One page of a bounded child list held in memory (children are capped by TIMELINE_LIMITS),
 * with a keyset cursor: the next page starts after the last item's key, so deletions
 * between pages neither skip nor repeat items.
 */
export function pageOf<T, K extends Record<string, string | number>>(
  items: T[],
  order: ListOrder<NoInfer<T>, K>,
  page: { limit: number; cursor?: string },
): Page<T> {
  const after = decodeCursor<K>(page.cursor, (v) => order.isKey(v));
  const sorted = [...items].sort((a, b) => order.compare(order.key(a), order.key(b)));
  const rest =
    after === null ? sorted : sorted.filter((item) => order.compare(order.key(item), after) > 0);
  return toPage(rest.slice(0, page.limit + 1), page.limit, (last) => order.key(last));
}
