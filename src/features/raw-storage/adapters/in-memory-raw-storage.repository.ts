import { TENANT_WIDE } from '../../../backends/scope-path';
import { descendingPageWithNext, ScopedRecords } from '../../../backends/memory/scoped-records';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import { Scope, type Env } from '../../../common/scope/scope';
import { RawStorageRepository } from '../raw-storage.repository';
import type {
  NewRawAsset,
  PresignedRequest,
  RawAsset,
  RawAssetPage,
  StoredObject,
} from '../raw-storage.types';
import {
  RAW_ASSETS,
  rawAssetOf,
  rawAssetRecord,
  rawCheckEtag,
  rawMd5Etag,
  rawNeutralKey,
  rawNeutralPrefix,
  rawObjectOf,
  rawObjectRecord,
} from './raw-storage-scope-records';

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
export class InMemoryRawStorageRepository extends RawStorageRepository implements ScopeData {
  private readonly records = new ScopedRecords<RawAsset>();
  private readonly objects = new Map<string, StoredBytes>();

  create(scope: Scope, draft: NewRawAsset): Promise<RawAsset> {
    const asset: RawAsset = {
      ...draft,
      key: rawNeutralKey(scope, draft.asset_id, draft.filename),
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
    return Promise.resolve({
      size_bytes: stored.bytes.length,
      etag: rawMd5Etag(stored.bytes),
      content_type: stored.contentType,
    });
  }

  deleteObject(_scope: Scope, asset: RawAsset): Promise<void> {
    this.objects.delete(asset.key);
    return Promise.resolve();
  }

  /** Assets, then the objects stored at their keys (memory keys are the neutral keys). */
  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    const prefix = rawNeutralPrefix(scope);
    const objects = [...this.objects].flatMap(([key, stored]) => {
      const [assetId = '', filename = ''] = key.startsWith(prefix)
        ? key.slice(prefix.length).split('/')
        : [];
      if (assetId === '' || filename === '') return [];
      const body = new Uint8Array(stored.bytes);
      const object = { assetId, filename, body, etag: rawMd5Etag(body) };
      return [rawObjectRecord({ ...object, content_type: stored.contentType || null })];
    });
    return yieldAll([
      ...this.records.entries(scope).map(([, asset]) => rawAssetRecord(scope, asset)),
      ...objects,
    ]);
  }

  /** Objects are checked to keep their ETag, the MD5 {@link head} answers (see `rawCheckEtag`). */
  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    return Promise.resolve().then(() => this.importNow(scope, records));
  }

  private importNow(scope: Scope, records: readonly ScopeRecord[]): void {
    for (const record of records) {
      if (record.collection === RAW_ASSETS) {
        this.records.set(scope, record.id, rawAssetOf(scope, record));
        continue;
      }
      const object = rawObjectOf(record);
      rawCheckEtag(object, rawMd5Etag(object.body));
      this.objects.set(rawNeutralKey(scope, object.assetId, object.filename), {
        bytes: Buffer.from(object.body),
        contentType: object.content_type ?? '',
      });
    }
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    const held = new Map(this.records.scopesHeld(tenantId, env).map((s) => [String(s), s]));
    for (const key of this.objects.keys()) {
      const [root, tenant, keyEnv, project] = key.split('/');
      if (root !== 'tenants' || tenant !== tenantId || keyEnv !== env || project === undefined)
        continue;
      const scope = Scope.of(tenantId, env, project === TENANT_WIDE ? null : project);
      held.set(String(scope), scope);
    }
    return Promise.resolve([...held.values()]);
  }

  deleteScope(scope: Scope): Promise<void> {
    this.records.clear(scope);
    const prefix = rawNeutralPrefix(scope);
    for (const key of [...this.objects.keys()])
      if (key.startsWith(prefix)) this.objects.delete(key);
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
