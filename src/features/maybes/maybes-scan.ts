import { matchesMaybeQuery } from './maybes-records';
import type { MaybeItem, MaybeSearchPage } from './maybes.types';

/** Items read per request at most while looking for `q` matches (both adapters). */
export const DEFAULT_MAYBE_SCAN_BUDGET = 1000;

/** Items read per backend round trip while looking for `q` matches. */
const SCAN_BATCH = 100;

/**
 * Reads items newest first, `size` at a time, strictly older than `before` (undefined = from
 * the newest), with every predicate except `q` already applied by the backend.
 */
export type MaybeBatchReader = (before: string | undefined, size: number) => Promise<MaybeItem[]>;

/**
 * Keyset scan shared by the adapters. Without `q` it reads `limit + 1` items. With `q` it
 * reads batches and keeps the matches until it has `limit + 1` of them, reaches the end, or
 * has read `budget` items; in the last case the page may be short (even empty) and
 * `continueBefore` is the last id read, so the next page resumes the scan: no match is
 * skipped, the caller only needs more round trips.
 */
export async function scanMaybes(
  read: MaybeBatchReader,
  page: { limit: number; before?: string; q?: string },
  budget: number,
): Promise<MaybeSearchPage> {
  const q = page.q;
  const cap = Math.max(budget, page.limit + 1);
  const found: MaybeItem[] = [];
  let before = page.before;
  let scanned = 0;
  for (;;) {
    const wanted = page.limit + 1 - found.length;
    const size = Math.min(cap - scanned, q === undefined ? wanted : Math.max(wanted, SCAN_BATCH));
    const batch = await read(before, size);
    scanned += batch.length;
    for (const item of batch) {
      if (q !== undefined && !matchesMaybeQuery(item, q)) continue;
      found.push(item);
      if (found.length > page.limit) {
        return {
          items: found.slice(0, page.limit),
          continueBefore: found[page.limit - 1]?.id ?? null,
        };
      }
    }
    const last = batch.at(-1);
    if (batch.length < size || last === undefined) return { items: found, continueBefore: null };
    before = last.id;
    if (scanned >= cap) return { items: found, continueBefore: before };
  }
}
