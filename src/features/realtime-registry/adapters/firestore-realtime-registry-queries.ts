import { documentsOf } from '../../../backends/firestore/scope-documents';
import {
  type DocumentReference,
  type Query,
  type QueryDocumentSnapshot,
} from '@google-cloud/firestore';

/** Deletes per batch (Firestore allows 500 writes per commit). */
const DELETE_BATCH = 400;

/**
 * Every document a query matches (see `documentsOf`): the registrations live in global
 * collections, so a scope's are a filtered query, not a collection of their own.
 */
export function realtimeRegistryPages(query: Query): AsyncIterable<QueryDocumentSnapshot> {
  return documentsOf(query);
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
