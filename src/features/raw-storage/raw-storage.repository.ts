import type { Scope } from '../../common/scope/scope';
import type {
  NewRawAsset,
  PresignedRequest,
  RawAsset,
  RawAssetPage,
  StoredObject,
} from './raw-storage.types';

/**
 * Port: raw assets per scope, and the presigned requests through which clients move their
 * bytes directly to and from the store. An asset of another scope is invisible: reads
 * return null and lists never include it.
 */
export abstract class RawStorageRepository {
  /** Records a new (pending) asset; returns it with the key its bytes must be uploaded to. */
  abstract create(scope: Scope, asset: NewRawAsset): Promise<RawAsset>;

  /** Replaces the record of an existing asset (same id and key). */
  abstract update(scope: Scope, asset: RawAsset): Promise<void>;

  /** The asset with this id in `scope`, or null (also when it exists in another scope). */
  abstract get(scope: Scope, assetId: string): Promise<RawAsset | null>;

  /** Newest first; `before` continues after the previous page. */
  abstract list(scope: Scope, page: { limit: number; before?: string }): Promise<RawAssetPage>;

  /**
   * A presigned request valid for `ttlSeconds`: `PUT` of exactly `size_bytes` bytes with the
   * declared content type to the asset's key, or `GET` of the object as an attachment.
   */
  abstract presign(
    scope: Scope,
    asset: RawAsset,
    method: 'PUT' | 'GET',
    ttlSeconds: number,
  ): Promise<PresignedRequest>;

  /** What is stored at the asset's key (HEAD), or null when nothing was uploaded. */
  abstract head(scope: Scope, asset: RawAsset): Promise<StoredObject | null>;

  /** Removes the object at the asset's key (not the record). Idempotent. */
  abstract deleteObject(scope: Scope, asset: RawAsset): Promise<void>;
}
