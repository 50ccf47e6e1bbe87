import type { ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Scope } from '../../../common/scope/scope';
import type { MediaAsset } from '../media-v2-storage.types';

/**
 * The neutral records of media_v2_storage, the same from every adapter: one collection,
 * `assets`, id the asset id, `data` the {@link MediaAsset} as the port returns it and
 * `body` its bytes (absent when the bytes are gone, so the target's `openContent` answers
 * null as the source did). Exports go oldest first (by id).
 *
 * The download's ETag is the asset's `sha256`, which moves with the metadata, so it is the
 * same after a move. On S3 the bytes are stored again through the upload path (same part
 * size), so even the object's own S3 ETag is what the original upload of those bytes got.
 *
 * Uploads that never completed do not move: bytes that never got metadata (and, on S3, the
 * `_pending/` markers and open multipart parts). Nothing can read them, a sweep would remove
 * them, and a move freezes the scope so none can complete meanwhile; they still count in
 * `scopesHeld` and `deleteScope` removes them, so the source is left clean.
 */
export const MEDIA_ASSETS = 'assets';

/** The record of an asset and its bytes (or none). */
export function mediaAssetRecord(asset: MediaAsset, body: Uint8Array | undefined): ScopeRecord {
  const data: MediaAsset = {
    id: asset.id,
    filename: asset.filename,
    content_type: asset.content_type,
    kind: asset.kind,
    tags: [...asset.tags],
    size_bytes: asset.size_bytes,
    sha256: asset.sha256,
    created_by: asset.created_by,
    created_at: asset.created_at,
  };
  return body === undefined
    ? { collection: MEDIA_ASSETS, id: asset.id, data }
    : { collection: MEDIA_ASSETS, id: asset.id, data, body };
}

/** The asset a record holds, checked to be one. */
export function mediaAssetOf(scope: Scope, record: ScopeRecord): MediaAsset {
  const asset = record.data as MediaAsset | null;
  if (record.collection !== MEDIA_ASSETS || asset?.id !== record.id)
    throw new Error(
      `media_v2_storage: ${record.collection}/${record.id} is not a media asset of ${String(scope)}`,
    );
  return mediaAssetRecord(asset, undefined).data as MediaAsset;
}

/** Oldest first: sortable ids order by creation. */
export function mediaOldestFirst<T extends { id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
