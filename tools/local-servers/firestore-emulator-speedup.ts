import { FirestoreStateCollection } from '@firestore-emulator/server';

/** The part of the emulator's collection state this patch touches. */
interface CollectionState {
  documents: Record<string, unknown>;
  getDocument: (this: CollectionState, name: string) => unknown;
}

let applied = false;

/**
 * Makes adding a document to a collection of the in-process emulator O(1) instead of O(size
 * of the collection): the package copies (immer `produce`) and freezes the whole document
 * map of a collection on every new document id, so filling one collection with n documents
 * costs O(n²) (100,000 usage events would take hours). The patch creates the document
 * through the original method on an empty map and adds it to an unfrozen map kept in place.
 * What the emulator stores and answers is unchanged. Idempotent.
 */
export function speedUpEmulatorInserts(): void {
  if (applied) return;
  applied = true;
  const proto = FirestoreStateCollection.prototype as unknown as CollectionState;
  const original = proto.getDocument;
  proto.getDocument = function (this: CollectionState, name: string): unknown {
    if (Object.prototype.hasOwnProperty.call(this.documents, name)) return this.documents[name];
    const documents = Object.isFrozen(this.documents) ? { ...this.documents } : this.documents;
    this.documents = {};
    try {
      const document = original.call(this, name);
      documents[name] = document;
      return document;
    } finally {
      this.documents = documents;
    }
  };
}
