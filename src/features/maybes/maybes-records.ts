import type { MaybeChanges, MaybeItem } from './maybes.types';

/** Folds text for the case-insensitive search (compatibility forms, then lower case). */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Whether `q` occurs in the title or body, ignoring case. */
export function matchesMaybeQuery(item: MaybeItem, q: string): boolean {
  const needle = foldForSearch(q);
  return foldForSearch(item.title).includes(needle) || foldForSearch(item.body).includes(needle);
}

/** The item after a PATCH: the changes, one version more, stamped by `actor` at `now`. */
export function applyMaybeChanges(
  current: MaybeItem,
  changes: MaybeChanges,
  actor: string,
  now: string,
): MaybeItem {
  return {
    ...current,
    title: changes.title ?? current.title,
    body: changes.body ?? current.body,
    tags: changes.tags ? [...changes.tags] : current.tags,
    pinned: changes.pinned ?? current.pinned,
    archived: changes.archived ?? current.archived,
    updated_at: now,
    updated_by: actor,
    version: current.version + 1,
  };
}
