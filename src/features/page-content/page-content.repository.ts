import type { Scope } from '../../common/scope/scope';
import type { Page, PageBody, PageRecord } from './page-content.types';

/** Filters of {@link PageContentRepository.list}. */
export interface PageQuery {
  surface?: string;
  published?: boolean;
  /** Only ids below this one (the last id of the previous page). */
  before?: string;
  limit: number;
}

/** What an update writes: the new record, and the new body when it changes. */
export interface PageChange {
  record: PageRecord;
  /** Undefined keeps the stored body. */
  body?: PageBody;
}

/**
 * Port: the pages of one scope. A page's `(surface, slug)` is claimed for it in the same
 * atomic write as the page itself, so of two concurrent writers of one slug exactly one
 * wins; the other gets `PageSlugTakenError` (`409 page_content.slug_taken`) and nothing is written.
 * Pages of different scopes never see each other.
 */
export abstract class PageContentRepository {
  /** Stores a new page (fresh unique id) and claims its slug. */
  abstract create(scope: Scope, page: Page): Promise<Page>;

  /** The page with this id in `scope`, or null. */
  abstract get(scope: Scope, id: string): Promise<Page | null>;

  /** The page holding `(surface, slug)` in `scope`, or null. */
  abstract getBySlug(scope: Scope, surface: string, slug: string): Promise<Page | null>;

  /** Records (no bodies) matching every given filter, newest (largest id) first. */
  abstract list(scope: Scope, query: PageQuery): Promise<PageRecord[]>;

  /**
   * Atomic read-check-write: `change` gets the stored record and returns what to write (or
   * throws a domain error to refuse, and nothing is written). A changed `(surface, slug)`
   * claims the new one and releases the old one in the same write. Null when there is no
   * such page. `change` may run more than once (transaction retries), so it must be pure.
   */
  abstract update(
    scope: Scope,
    id: string,
    change: (current: PageRecord) => PageChange,
  ): Promise<Page | null>;

  /** Deletes the page and releases its slug; false when there is no such page. */
  abstract delete(scope: Scope, id: string): Promise<boolean>;
}
