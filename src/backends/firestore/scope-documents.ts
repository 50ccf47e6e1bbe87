import {
  type CollectionReference,
  type Query,
  type DocumentData,
  type DocumentReference,
  type QueryDocumentSnapshot,
} from '@google-cloud/firestore';
import { Scope, type Env } from '../../common/scope/scope';
import { TENANT_WIDE } from '../scope-path';
import type { FirestoreHandle } from './firestore.driver';

/** Writes per batch (Firestore allows 500 per commit). */
const WRITE_BATCH = 400;

/**
 * Every document a query (or a whole collection) returns, read with one `get()`.
 *
 * Not a stream: a consumer that stops early (a move's emptiness check reads one record) would
 * leave the query's stream open, and the client then never finishes terminating. Not pages
 * with document-id cursors: the test emulator ignores `__name__` in `orderBy` and `where` (and
 * `startAfter`), so such pages would silently stop after the first one there. The cost is
 * that one collection of a scope is held in memory while it is exported (docs/moves.md).
 */
export async function* documentsOf(query: Query): AsyncIterable<QueryDocumentSnapshot> {
  const snapshot = await query.get();
  yield* snapshot.docs;
}

/** Writes whole documents (replacing any), in batches. */
export async function setDocuments(
  collection: CollectionReference,
  documents: readonly (readonly [DocumentReference, DocumentData])[],
): Promise<void> {
  for (let i = 0; i < documents.length; i += WRITE_BATCH) {
    const batch = collection.firestore.batch();
    for (const [ref, data] of documents.slice(i, i + WRITE_BATCH)) batch.set(ref, data);
    await batch.commit();
  }
}

/** Deletes every document of the collections (and the subcollections named with them). */
export async function deleteCollections(
  collections: readonly CollectionReference[],
  subcollections: readonly string[] = [],
): Promise<void> {
  for (const collection of collections) {
    let refs: DocumentReference[] = [];
    const flush = async (): Promise<void> => {
      if (refs.length === 0) return;
      const batch = collection.firestore.batch();
      for (const ref of refs) batch.delete(ref);
      await batch.commit();
      refs = [];
    };
    for await (const doc of documentsOf(collection)) {
      for (const name of subcollections) await deleteCollections([doc.ref.collection(name)]);
      refs.push(doc.ref);
      if (refs.length >= WRITE_BATCH) await flush();
    }
    await flush();
  }
}

/**
 * The scopes of a tenant in an env that hold a document in any of `collections` (the
 * kind's collections under a scope). Lists the scope documents of the tenant's env with
 * `listDocuments()`, which includes "missing" documents that only have subcollections,
 * then looks for one document of the kind under each.
 */
export async function scopesHeldOn(
  fs: FirestoreHandle,
  tenantId: string,
  env: Env,
  collections: readonly [string, ...string[]],
): Promise<Scope[]> {
  const tenantScope = Scope.of(tenantId, env, null);
  const projects = fs.scoped(tenantScope, collections[0]).parent?.parent;
  if (projects === undefined) return [];
  const held: Scope[] = [];
  for (const ref of await projects.listDocuments()) {
    const scope = Scope.of(tenantId, env, ref.id === TENANT_WIDE ? null : ref.id);
    for (const name of collections) {
      if (!(await fs.scoped(scope, name).limit(1).get()).empty) {
        held.push(scope);
        break;
      }
    }
  }
  return held;
}
