/** The resource kind this module declares in the routing registry. */
export const RAW_STORAGE_KIND = 'raw_storage';

/** Error-code namespace of this kind (`raw_storage.not_found`, `raw_storage.object_missing`, …). */
export const RAW_ERRORS = RAW_STORAGE_KIND;

/** `pending` until `POST /raw/uploads/:asset_id/complete` has found the uploaded object. */
export type RawAssetStatus = 'pending' | 'complete';

/** One raw asset: an object the client uploads and downloads directly through presigned URLs. */
export interface RawAsset {
  asset_id: string;
  /** The object's key in the bucket: `tenants/{tenant}/{env}/{project}/raw/{asset_id}/{safe_filename}`. */
  key: string;
  /** Sanitised (see `safeFilename`). */
  filename: string;
  /** Declared at creation; once complete, what the store reports. */
  content_type: string;
  /** Declared at creation; once complete, the stored object's size (always equal). */
  size_bytes: number;
  status: RawAssetStatus;
  /** The stored object's ETag (without quotes), once complete. */
  etag: string | null;
  created_by: string;
  /** ISO-8601 UTC. */
  created_at: string;
  completed_at: string | null;
}

/** A new asset before the store has placed it (the store picks the key). */
export type NewRawAsset = Omit<RawAsset, 'key'>;

/** A request the client makes itself, directly against the store. */
export interface PresignedRequest {
  url: string;
  method: 'PUT' | 'GET';
  /** Headers the client must send exactly (they are part of the signature). */
  headers: Record<string, string>;
}

/** What the store says about an uploaded object. */
export interface StoredObject {
  size_bytes: number;
  etag: string | null;
  content_type: string | null;
}

/** A page of assets, newest first; `next` is the id to continue before, or null at the end. */
export interface RawAssetPage {
  items: RawAsset[];
  next: string | null;
}
