import type {
  DocumentData,
  DocumentReference,
  DocumentSnapshot,
  Transaction,
} from '@google-cloud/firestore';
import { num, oneOf, readRecord } from '../../../backends/firestore/record-schema';
import { decodePageBody, type EncodedPageBody, type PageBody } from '../page-content.types';

/**
 * A body chunk's size. A Firestore document holds at most 1 MiB in all, so a body (up to
 * 1 MiB) is stored in chunk documents `pages/{id}/body_chunks/{n}` beside the page, never
 * inside it; lists read only the page documents.
 */
export const CHUNK_BYTES = 512 * 1024;

/** The page document's fields that say where its body is. */
export interface StoredBody {
  body_type: EncodedPageBody['type'];
  body_bytes: number;
  body_chunks: number;
}

/** Reads documents in or outside a transaction (`Firestore` and `Transaction` both can). */
interface DocumentReader {
  getAll(...refs: DocumentReference[]): Promise<DocumentSnapshot[]>;
}

const BODY_TYPES: readonly EncodedPageBody['type'][] = ['html', 'json'];

/** Where a stored page's body is (its page document's body fields). */
export function storedBodyOf(data: DocumentData): StoredBody {
  return readRecord(data, 'page', {
    body_type: oneOf(BODY_TYPES),
    body_bytes: num,
    body_chunks: num,
  });
}

/** Reassembles the body of `page` from its chunks. */
export async function readBody(
  reader: DocumentReader,
  page: DocumentReference,
  stored: StoredBody,
): Promise<PageBody> {
  const refs = Array.from({ length: stored.body_chunks }, (_, n) => chunkRef(page, n));
  const snaps = refs.length === 0 ? [] : await reader.getAll(...refs);
  const chunks = snaps.map((snap) => {
    const data: unknown = snap.get('data');
    if (!(data instanceof Uint8Array))
      throw new Error(`page body chunk ${snap.ref.path} is missing`);
    return data;
  });
  return decodePageBody({ type: stored.body_type, bytes: Buffer.concat(chunks) });
}

/** Writes the body's chunks, deletes chunks left from a longer body, and says where it is. */
export function writeBody(
  tx: Transaction,
  page: DocumentReference,
  body: EncodedPageBody,
  previousChunks: number,
): StoredBody {
  const chunks = Math.ceil(body.bytes.length / CHUNK_BYTES);
  for (let n = 0; n < chunks; n += 1) {
    const data = body.bytes.subarray(n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES);
    tx.set(chunkRef(page, n), { page_id: page.id, n, data });
  }
  deleteChunks(tx, page, chunks, previousChunks);
  return { body_type: body.type, body_bytes: body.bytes.length, body_chunks: chunks };
}

/** Deletes chunks `from` (inclusive) to `to` (exclusive). */
export function deleteChunks(
  tx: Transaction,
  page: DocumentReference,
  from: number,
  to: number,
): void {
  for (let n = from; n < to; n += 1) tx.delete(chunkRef(page, n));
}

function chunkRef(page: DocumentReference, n: number): DocumentReference {
  return page.collection('body_chunks').doc(String(n));
}
