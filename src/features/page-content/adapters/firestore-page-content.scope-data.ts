import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import {
  deleteCollections,
  documentsOf,
  scopesHeldOn,
} from '../../../backends/firestore/scope-documents';
import type { ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { pageOf, pageScopeRecord } from '../page-content.scope-data';
import { encodePageBody, type Page } from '../page-content.types';
import { readBody, storedBodyOf, writeBody } from './firestore-page-body';
import {
  claimDoc,
  pageDoc,
  pageRecordOf,
  pagesOf,
  slugChanged,
  slugRef,
  slugsOf,
} from './firestore-page-documents';

/**
 * page_content's scope export and import on Firestore. A page leaves whole (its body
 * reassembled from the chunks) and arrives as a create writes it: the page document, its
 * body chunks and its slug claim, so the target serves and guards the slug at once.
 */

/** Every page of the scope with its body, in id order, one page's chunks in memory at a time. */
export async function* exportPages(fs: FirestoreHandle, scope: Scope): AsyncIterable<ScopeRecord> {
  for await (const doc of documentsOf(pagesOf(fs, scope))) {
    const data = doc.data();
    const body = await readBody(fs.db, doc.ref, storedBodyOf(data));
    yield pageScopeRecord({ ...pageRecordOf(data), body });
  }
}

/**
 * Writes each page as it is (id, version, timestamps kept). Every record is checked first
 * (a bad one writes nothing); then one transaction per page, since a body may be 1 MiB.
 */
export async function importPages(
  fs: FirestoreHandle,
  scope: Scope,
  records: readonly ScopeRecord[],
): Promise<void> {
  const pages = records.map(pageOf).map(({ body, ...fields }) => ({
    ...pageRecordOf(fields),
    body,
  }));
  for (const page of pages) await importPage(fs, scope, page);
}

/**
 * Upserts one page: replaces the page document and its chunks (deleting chunks a longer
 * stored body left), claims its slug, and releases the slug a stored copy of the page held
 * when it differs, so importing again, or a newer copy, leaves exactly one claim.
 */
function importPage(fs: FirestoreHandle, scope: Scope, page: Page): Promise<void> {
  const { body, ...record } = page;
  const ref = pagesOf(fs, scope).doc(record.id);
  return fs.db.runTransaction(async (tx) => {
    const stored = (await tx.get(ref)).data();
    const previous = stored === undefined ? null : pageRecordOf(stored);
    const previousChunks = stored === undefined ? 0 : storedBodyOf(stored).body_chunks;
    if (previous !== null && slugChanged(previous, record)) tx.delete(slugRef(fs, scope, previous));
    tx.set(slugRef(fs, scope, record), claimDoc(scope, record));
    tx.set(ref, pageDoc(scope, record, writeBody(tx, ref, encodePageBody(body), previousChunks)));
  });
}

/** Scopes holding at least one page (a claim never exists without its page). */
export function pageScopesHeld(fs: FirestoreHandle, tenantId: string, env: Env): Promise<Scope[]> {
  return scopesHeldOn(fs, tenantId, env, ['pages']);
}

/** Deletes the scope's pages with their body chunks, and its slug claims. */
export async function deletePageScope(fs: FirestoreHandle, scope: Scope): Promise<void> {
  await deleteCollections([pagesOf(fs, scope)], ['body_chunks']);
  await deleteCollections([slugsOf(fs, scope)]);
}
