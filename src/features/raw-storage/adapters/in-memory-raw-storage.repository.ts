import { createHash } from 'node:crypto';
import { scopeSegments } from '../../../backends/scope-path';
import { descendingPageWithNext, ScopedRecords } from '../../../backends/memory/scoped-records';
import type { Scope } from '../../../common/scope/scope';
import { RawStorageRepository } from '../raw-storage.repository';
import type {
  NewRawAsset,
  PresignedRequest,
  RawAsset,
  RawAssetPage,
  StoredObject,
} from '../raw-storage.types';

/**
 * Where this adapter's presigned URLs point. `.invalid` is reserved never to resolve
 * (RFC 6761), so nothing can be sent to them by mistake: memory cannot receive bytes over
 * HTTP. Uploads on memory therefore stay pending (`complete` answers `raw_storage.object_missing`)
 * unless a test stores bytes with {@link InMemoryRawStorageRepository.simulateUpload}. Real
 * transfers need an s3 route.
 */
export const MEMORY_PRESIGN_ORIGIN = 'https://raw-storage.memory.invalid';

interface StoredBytes {
  bytes: Buffer;
  contentType: string;
}

/** Dev/test adapter: records and objects in maps (keys include the scope). Forgets everything at restart. */
export class InMemoryRawStorageRepository extends RawStorageRepository {
  private readonly records = new ScopedRecords<RawAsset>();
  private readonly objects = new Map<string, StoredBytes>();

  create(scope: Scope, draft: NewRawAsset): Promise<RawAsset> {
    const asset: RawAsset = {
      ...draft,
      key: ['tenants', ...scopeSegments(scope), 'raw', draft.asset_id, draft.filename].join('/'),
    };
    this.records.set(scope, asset.asset_id, asset);
    return Promise.resolve(asset);
  }

  update(scope: Scope, asset: RawAsset): Promise<void> {
    this.records.set(scope, asset.asset_id, asset);
    return Promise.resolve();
  }

  get(scope: Scope, assetId: string): Promise<RawAsset | null> {
    return Promise.resolve(this.records.get(scope, assetId));
  }

  list(scope: Scope, page: { limit: number; before?: string }): Promise<RawAssetPage> {
    return Promise.resolve(
      descendingPageWithNext(this.records.values(scope), (a) => a.asset_id, page),
    );
  }

  presign(
    _scope: Scope,
    asset: RawAsset,
    method: 'PUT' | 'GET',
    ttlSeconds: number,
  ): Promise<PresignedRequest> {
    const path = asset.key.split('/').map(encodeURIComponent).join('/');
    const headers: Record<string, string> =
      method === 'PUT' ? { 'Content-Type': asset.content_type } : {};
    return Promise.resolve({
      url: `${MEMORY_PRESIGN_ORIGIN}/${path}?method=${method}&expires_in=${ttlSeconds}`,
      method,
      headers,
    });
  }

  head(_scope: Scope, asset: RawAsset): Promise<StoredObject | null> {
    const stored = this.objects.get(asset.key);
    if (stored === undefined) return Promise.resolve(null);
    const etag = createHash('md5').update(stored.bytes).digest('hex');
    return Promise.resolve({
      size_bytes: stored.bytes.length,
      etag,
      content_type: stored.contentType,
    });
  }

  deleteObject(_scope: Scope, asset: RawAsset): Promise<void> {
    this.objects.delete(asset.key);
    return Promise.resolve();
  }

  /** Test hook: stores what a client's PUT to a URL from {@link presign} would have stored. */
  simulateUpload(url: string, bytes: Buffer, contentType: string): void {
    const { origin, pathname } = new URL(url);
    if (origin !== MEMORY_PRESIGN_ORIGIN)
      throw new Error(`${url} is not a URL this adapter presigned`);
    const key = pathname.slice(1).split('/').map(decodeURIComponent).join('/');
    this.objects.set(key, { bytes: Buffer.from(bytes), contentType });
  }
}
