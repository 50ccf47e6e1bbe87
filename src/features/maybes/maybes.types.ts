/** The resource kind this module declares in the routing registry. */
export const MAYBES_KIND = 'maybes';

/** Size limits of a maybe (a scratchpad note) and of its list query. */
export const MAYBE_LIMITS = {
  title: 200,
  body: 20_000,
  /** Tags of an item, each in `TAG_FORMAT` (`src/common/validation/tags.validator.ts`). */
  tags: 20,
  /** Values of `tags_any` (Firestore `array-contains-any` takes at most 30). */
  tagsAny: 10,
  q: 200,
} as const;

/** A note of the scratchpad. */
export interface MaybeItem {
  id: string;
  title: string;
  body: string;
  /** Unique, at most {@link MAYBE_LIMITS.tags}. */
  tags: string[];
  pinned: boolean;
  archived: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

/** The editable fields a PATCH may change. */
export type MaybeChanges = Partial<
  Pick<MaybeItem, 'title' | 'body' | 'tags' | 'pinned' | 'archived'>
>;

/** Predicates of a list; absent ones do not filter. */
export interface MaybeFilter {
  /** Case-insensitive substring of title or body. */
  q?: string;
  /** Items carrying at least one of these tags. */
  tagsAny?: string[];
  pinned?: boolean;
  archived?: boolean;
}

/** One page of a search, newest first. */
export interface MaybeSearchPage {
  items: MaybeItem[];
  /**
   * Where the next page continues (exclusive upper id bound), or null when no matching item
   * older than the returned ones exists.
   */
  continueBefore: string | null;
}
