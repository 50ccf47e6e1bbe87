import type { Scope } from '../../common/scope/scope';
import type { MaybeChanges, MaybeFilter, MaybeItem, MaybeSearchPage } from './maybes.types';

/**
 * Port: the notes of one scope (tenant, env, project). Items of another scope are invisible:
 * reads return null, writes find nothing.
 */
export abstract class MaybesRepository {
  /**
   * Stores a new item (its id is new; version 1) and returns it. An item already stored with
   * the id (a retry of the same idempotent request, whose ids repeat) is returned as stored.
   */
  abstract create(scope: Scope, item: MaybeItem): Promise<MaybeItem>;

  /** The item with this id in `scope`, or null. */
  abstract get(scope: Scope, id: string): Promise<MaybeItem | null>;

  /**
   * Items matching `filter`, newest first (by id), strictly older than `page.before`.
   *
   * `tagsAny`, `pinned` and `archived` are answered by the backend's query. `q` (a
   * case-insensitive substring of title or body) cannot be: Firestore has no substring
   * search. The adapter therefore pages through the other predicates' results by keyset
   * and keeps the items whose title or body contains `q`, reading at most a scan budget of
   * items per call (default `DEFAULT_MAYBE_SCAN_BUDGET`, 1000). Limits, stated so that no
   * match is ever missed silently:
   * - a page with `q` may hold fewer than `limit` items, even none, while `continueBefore`
   *   is not null: the scan stopped at its budget and continues from there next call;
   * - only `continueBefore === null` means there are no more matches;
   * - cost grows with the items scanned, not the matches: a rare `q` over a large project
   *   takes several calls (narrow it with `tagsAny`, `pinned` or `archived`);
   * - matching is substring on Unicode NFKC lower-cased text, not word or fuzzy search.
   */
  abstract search(
    scope: Scope,
    filter: MaybeFilter,
    page: { limit: number; before?: string },
  ): Promise<MaybeSearchPage>;

  /**
   * Applies `changes` atomically (read-modify-write in one transaction) and returns the item
   * with version + 1, or null when no such item exists in `scope`. With `expectedVersion`,
   * a different stored version throws `MaybesVersionConflictError` (`maybes.version_conflict`).
   */
  abstract update(
    scope: Scope,
    id: string,
    changes: MaybeChanges,
    write: { actor: string; expectedVersion?: number },
  ): Promise<MaybeItem | null>;

  /**
   * Deletes the item; false when it does not exist in `scope`. With `expectedVersion`, a
   * different stored version throws `MaybesVersionConflictError`.
   */
  abstract delete(scope: Scope, id: string, write: { expectedVersion?: number }): Promise<boolean>;
}
