import type { ScopeRecord } from '../../common/scope-data/scope-data';
import { isPageBody, type Page } from './page-content.types';

/**
 * The one collection of page_content in a move: every page of the scope whole, as `get`
 * returns it (`data` is the {@link Page}, body included, id = the page's id). A body is an
 * HTML string or a JSON document, so it travels as JSON in `data`; how a backend stores it
 * (Firestore's chunk documents) is the adapter's business. Slug claims are not records of
 * their own: each import claims its page's `(surface, slug)`, as a create does.
 */
export const PAGE_SCOPE_RECORDS = 'pages';

/** The neutral record of a page. */
export function pageScopeRecord(page: Page): ScopeRecord {
  return { collection: PAGE_SCOPE_RECORDS, id: page.id, data: page };
}

/**
 * The page a record carries, before the adapter checks its other fields: refuses a record
 * of another collection, one whose id is not the page's own, or one without a body (a
 * broken export).
 */
export function pageOf(record: ScopeRecord): Page {
  const page = record.data as Partial<Page> | null;
  if (record.collection !== PAGE_SCOPE_RECORDS || page?.id !== record.id || !isPageBody(page.body))
    throw new Error(`page_content: cannot import record ${record.collection}/${record.id}`);
  return page as Page;
}
