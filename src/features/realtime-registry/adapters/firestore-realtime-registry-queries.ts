import {
  FieldPath,
  type DocumentReference,
  type Query,
  type QueryDocumentSnapshot,
} from '@google-cloud/firestore';

/** Documents read per page. */
const PAGE = 500;
/** Deletes per batch (Firestore allows 500 writes per commit). */
const DELETE_BATCH = 400;

/**
 * Every document a query matches, in document-id order, a page at a time (keyset on the
 * document id, as `documentsOf` pages a collection): the registrations live in global
 * collections, so a scope's are a filtered query, not a collection of their own.
 */
export async function* realtimeRegistryPages(query: Query): AsyncIterable<QueryDocumentSnapshot> {
  let after: string | null = null;
  for (;;) {
    let page = query.orderBy(FieldPath.documentId()).limit(PAGE);
    if (after !== null) page = page.where(FieldPath.documentId(), '>', after);
    const snap = await page.get();
    for (const doc of snap.docs) yield doc;
    const last = snap.docs.at(-1);
    if (snap.docs.length < PAGE || last === undefined) return;
    after = last.id;
  }
}

/** Deletes the documents, in batches. */
export async function realtimeRegistryDelete(refs: readonly DocumentReference[]): Promise<void> {
  for (let i = 0; i < refs.length; i += DELETE_BATCH) {
    const chunk = refs.slice(i, i + DELETE_BATCH);
    const first = chunk[0];
    if (first === undefined) return;
    const batch = first.firestore.batch();
    for (const ref of chunk) batch.delete(ref);
    await batch.commit();
  }
}
