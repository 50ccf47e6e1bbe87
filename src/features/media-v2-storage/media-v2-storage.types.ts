/** The resource kind this module declares in the routing registry. */
export const MEDIA_V2_STORAGE_KIND = 'media_v2_storage';

/** Error-code namespace of this kind (`media_v2_storage.not_found`, `media_v2_storage.too_large`, …). */
export const MEDIA_ERRORS = MEDIA_V2_STORAGE_KIND;

export const MEDIA_KINDS = ['video', 'audio', 'image', 'other'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** At most this many tags per asset. */
export const MAX_MEDIA_TAGS = 20;

/** A tag: 1..64 characters of `a-z 0-9 _ . -`, starting with a letter or digit (stored lower-case). */
export const MEDIA_TAG_FORMAT = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** Where the bytes of a new asset go: everything the store needs before the upload ends. */
export interface MediaContentTarget {
  id: string;
  /** Already sanitised (see `safeFilename`). */
  filename: string;
  content_type: string;
}

/** One stored asset: its metadata, kept beside the bytes. */
export interface MediaAsset extends MediaContentTarget {
  kind: MediaKind;
  /** Lower-case, unique, at most {@link MAX_MEDIA_TAGS}. */
  tags: string[];
  size_bytes: number;
  /** Hex SHA-256 of the bytes, computed while they streamed in. */
  sha256: string;
  created_by: string;
  /** ISO-8601 UTC. */
  created_at: string;
}

/** Filters and keyset position of a list. */
export interface MediaListQuery {
  kind?: MediaKind;
  tag?: string;
  limit: number;
  /** Continue with assets older than this id (the `next` of the previous page). */
  before?: string;
}

/**
 * A page of assets, newest first. `next` is the id to continue before, or null at the end.
 * A page may hold fewer than `limit` items while `next` is not null (a store that scans
 * stops after a bounded amount of work).
 */
export interface MediaAssetPage {
  items: MediaAsset[];
  next: string | null;
}
