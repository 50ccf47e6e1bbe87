import type { DocumentData, DocumentReference, Firestore } from '@google-cloud/firestore';
import { isAlreadyExists } from './firestore.driver';
import { recordOrNull } from './record-schema';

/**
 * How one kind of record maps to its document: `read` checks the stored fields (a
 * `recordReader`), `write` gives the whole document to store (every top-level field
 * explicit, the scope fields included where the kind stores them).
 */
export interface DocumentCodec<T> {
  read: (data: DocumentData) => T;
  write: (record: T) => DocumentData;
}

/** The record stored at `ref`, or null when the document does not exist. */
export async function getRecord<T>(
  ref: DocumentReference,
  read: (data: DocumentData) => T,
): Promise<T | null> {
  return recordOrNull(await ref.get(), read);
}

/**
 * Creates the document, or returns the stored record when `ref` exists already: ids are
 * unique, so it is an earlier attempt of the same idempotent request. Null when this call
 * created it.
 */
export async function createOnce<T>(
  ref: DocumentReference,
  data: DocumentData,
  read: (data: DocumentData) => T,
): Promise<T | null> {
  try {
    await ref.create(data);
    return null;
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    const existing = await getRecord(ref, read);
    if (existing === null) throw err;
    return existing;
  }
}

/**
 * Read-modify-write of one document in a transaction: stores `change(current)` (current is
 * null when the document does not exist) as a whole document and returns it. A throw from
 * `change` (a version conflict) aborts the transaction, nothing is written.
 */
export function upsertDocument<T>(
  db: Firestore,
  ref: DocumentReference,
  codec: DocumentCodec<T>,
  change: (current: T | null) => T,
): Promise<T> {
  return db.runTransaction(async (tx) => {
    const next = change(recordOrNull(await tx.get(ref), codec.read));
    tx.set(ref, codec.write(next));
    return next;
  });
}

/** Like {@link upsertDocument} for an existing document only: null (nothing written) when absent. */
export function updateDocument<T>(
  db: Firestore,
  ref: DocumentReference,
  codec: DocumentCodec<T>,
  change: (current: T) => T,
): Promise<T | null> {
  return db.runTransaction(async (tx) => {
    const current = recordOrNull(await tx.get(ref), codec.read);
    if (current === null) return null;
    const next = change(current);
    tx.set(ref, codec.write(next));
    return next;
  });
}
