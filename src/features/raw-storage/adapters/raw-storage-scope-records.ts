import { createHash } from 'node:crypto';
import { scopeSegments } from '../../../backends/scope-path';
import type { ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Scope } from '../../../common/scope/scope';
import type { RawAsset } from '../raw-storage.types';

/**
 * The neutral records of raw_storage, the same from every adapter:
 *
 * - `assets`, id `asset_id`: the {@link RawAsset} as the port returns it, pending or
 *   complete, with `key` in its route-independent form
 *   `tenants/{tenant}/{env}/{project|-}/raw/{asset_id}/{filename}` (what the memory adapter
 *   stores, and what an S3 route stores under its `prefix/`). An import places the object
 *   where the target's route puts it, so with the same route config the key, and the
 *   presigned URLs made from it, are the same after a move.
 * - `objects`, id `{asset_id}/{filename}` (the object's name under the scope's `raw/`):
 *   the bytes uploaded to an asset's key in `body`, with the object's content type and
 *   ETag in `data`. An object is state of its own: a pending asset may have one (uploaded,
 *   not yet completed), a complete asset has one unless it was removed.
 *
 * A pending asset moves as it is. Its bytes move when the client had PUT them before the
 * export; a PUT sent later to a presigned URL of the old route lands on the source and is
 * not moved, so completing on the target answers `raw_storage.object_missing` and the
 * client starts a new upload.
 */
export const RAW_ASSETS = 'assets';
export const RAW_OBJECTS = 'objects';

/** `data` of an `objects` record. */
export interface RawObjectData {
  content_type: string | null;
  /** The stored object's ETag (without quotes). */
  etag: string | null;
}

/** An object of the scope, read from or written to a backend. */
export interface RawObject extends RawObjectData {
  assetId: string;
  filename: string;
  body: Uint8Array;
}

/** Where an asset's bytes go, without any route prefix (the memory adapter's key). */
export function rawNeutralKey(scope: Scope, assetId: string, filename: string): string {
  return `${rawNeutralPrefix(scope)}${assetId}/${filename}`;
}

/** Where every object of the scope's raw assets goes, without any route prefix. */
export function rawNeutralPrefix(scope: Scope): string {
  return ['tenants', ...scopeSegments(scope), 'raw', ''].join('/');
}

/** The `assets` record of an asset of `scope`, whatever key the backend stored it under. */
export function rawAssetRecord(scope: Scope, asset: RawAsset): ScopeRecord {
  const data: RawAsset = {
    asset_id: asset.asset_id,
    key: rawNeutralKey(scope, asset.asset_id, asset.filename),
    filename: asset.filename,
    content_type: asset.content_type,
    size_bytes: asset.size_bytes,
    status: asset.status,
    etag: asset.etag ?? null,
    created_by: asset.created_by,
    created_at: asset.created_at,
    completed_at: asset.completed_at ?? null,
  };
  return { collection: RAW_ASSETS, id: asset.asset_id, data };
}

/** The asset an `assets` record holds (neutral key), checked to belong to `scope`. */
export function rawAssetOf(scope: Scope, record: ScopeRecord): RawAsset {
  const asset = record.data as RawAsset;
  if (
    asset.asset_id !== record.id ||
    asset.key !== rawNeutralKey(scope, asset.asset_id, asset.filename)
  )
    throw new Error(`raw_storage: ${RAW_ASSETS}/${record.id} is not an asset of ${String(scope)}`);
  return rawAssetRecord(scope, asset).data as RawAsset;
}

export function rawObjectRecord(object: RawObject): ScopeRecord {
  const data: RawObjectData = { content_type: object.content_type, etag: object.etag };
  return {
    collection: RAW_OBJECTS,
    id: `${object.assetId}/${object.filename}`,
    data,
    body: object.body,
  };
}

export function rawObjectOf(record: ScopeRecord): RawObject {
  const slash = record.id.indexOf('/');
  const data = record.data as RawObjectData;
  if (slash <= 0 || record.body === undefined)
    throw new Error(`raw_storage: ${RAW_OBJECTS}/${record.id} is not an object with bytes`);
  return {
    assetId: record.id.slice(0, slash),
    filename: record.id.slice(slash + 1),
    body: record.body,
    content_type: data.content_type ?? null,
    etag: data.etag ?? null,
  };
}

/** The ETag S3 gives an object stored by one PutObject (no KMS encryption): the hex MD5 of its bytes. */
export function rawMd5Etag(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

/**
 * Refuses an object whose ETag the target would not answer. The recorded ETag of a complete
 * asset is the one S3 gave the client's single presigned PUT: the MD5 of the bytes, which a
 * store answers again for the same bytes stored in one piece (memory computes it, an S3
 * PutObject gets it). An object whose ETag is something else (a bucket encrypting with KMS)
 * cannot keep it on another store, and moving it would leave the asset's ETag contradicting
 * what the download answers: the import fails instead, naming the object.
 */
export function rawCheckEtag(object: RawObject, stored: string | null): void {
  if (object.etag !== null && stored !== object.etag)
    throw new Error(
      `raw_storage: object ${object.assetId}/${object.filename} had ETag ${object.etag}; stored again it has ${String(stored)}, so it cannot move with its ETag`,
    );
}
