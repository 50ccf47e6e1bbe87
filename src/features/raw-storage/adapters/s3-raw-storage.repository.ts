import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { guardedClient } from '../../../backends/s3/s3-client-guard';
import type { S3Handle } from '../../../backends/s3/s3.driver';
import { attachmentDisposition } from '../../../common/files/safe-filename';
import { invertSortableId } from '../../../common/ids/sortable-id';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { RawStorageRepository } from '../raw-storage.repository';
import type {
  NewRawAsset,
  PresignedRequest,
  RawAsset,
  RawAssetPage,
  StoredObject,
} from '../raw-storage.types';
import { S3RawStorageScopeData } from './s3-raw-storage.scope-data';

/**
 * Raw assets in the route's bucket, under `{prefix/}tenants/{tenant}/{env}/{project}/raw/`:
 * the object at `{asset_id}/{safe_filename}` and its record at `_index/{newest-first id}.json`
 * (`_index` cannot be an id), so a list is one ListObjectsV2, already newest first, continued
 * with StartAfter. Presigned URLs are made by the route's client, so they point at the
 * route's endpoint, and sign the content type and length of uploads. Moves: {@link S3RawStorageScopeData}.
 */
export class S3RawStorageRepository extends RawStorageRepository implements ScopeData {
  private readonly client: S3Client;
  private readonly scopeData: S3RawStorageScopeData;

  constructor(private readonly s3: S3Handle) {
    super();
    this.client = guardedClient(s3.client);
    this.scopeData = new S3RawStorageScopeData(s3, this.client, this);
  }

  async create(scope: Scope, draft: NewRawAsset): Promise<RawAsset> {
    const asset: RawAsset = {
      ...draft,
      key: this.s3.key(scope, 'raw', draft.asset_id, draft.filename),
    };
    await this.update(scope, asset);
    return asset;
  }

  async update(scope: Scope, asset: RawAsset): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.s3.bucket,
        Key: this.recordKey(scope, asset.asset_id),
        Body: JSON.stringify(asset),
        ContentType: 'application/json',
      }),
    );
  }

  async get(scope: Scope, assetId: string): Promise<RawAsset | null> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.s3.bucket, Key: this.recordKey(scope, assetId) }),
      );
      const asset = JSON.parse((await res.Body?.transformToString()) ?? 'null') as RawAsset | null;
      return asset?.asset_id === assetId ? asset : null;
    } catch (err) {
      if ((err as Error).name === 'NoSuchKey') return null;
      throw err;
    }
  }

  async list(scope: Scope, page: { limit: number; before?: string }): Promise<RawAssetPage> {
    const prefix = `${this.s3.key(scope, 'raw', '_index')}/`;
    const res = await this.client.send(
      new ListObjectsV2Command({
        Bucket: this.s3.bucket,
        Prefix: prefix,
        MaxKeys: page.limit + 1,
        ...(page.before !== undefined ? { StartAfter: this.recordKey(scope, page.before) } : {}),
      }),
    );
    const ids = (res.Contents ?? []).flatMap((o) => {
      const name = o.Key?.slice(prefix.length) ?? '';
      return /^[0-9a-z]{26}\.json$/.test(name) ? [invertSortableId(name.slice(0, 26))] : [];
    });
    const shown = ids.slice(0, page.limit);
    const assets = await Promise.all(shown.map((id) => this.get(scope, id)));
    return {
      items: assets.filter((a): a is RawAsset => a !== null),
      next: ids.length > page.limit ? (shown.at(-1) ?? null) : null,
    };
  }

  async presign(
    _scope: Scope,
    asset: RawAsset,
    method: 'PUT' | 'GET',
    ttlSeconds: number,
  ): Promise<PresignedRequest> {
    if (method === 'GET') {
      const command = new GetObjectCommand({
        Bucket: this.s3.bucket,
        Key: asset.key,
        ResponseContentDisposition: attachmentDisposition(asset.filename),
      });
      return {
        url: await getSignedUrl(this.s3.client, command, { expiresIn: ttlSeconds }),
        method,
        headers: {},
      };
    }
    const command = new PutObjectCommand({
      Bucket: this.s3.bucket,
      Key: asset.key,
      ContentType: asset.content_type,
      ContentLength: asset.size_bytes,
    });
    const url = await getSignedUrl(this.s3.client, command, {
      expiresIn: ttlSeconds,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return { url, method, headers: { 'Content-Type': asset.content_type } };
  }

  async head(_scope: Scope, asset: RawAsset): Promise<StoredObject | null> {
    try {
      const res = await this.client.send(
        new HeadObjectCommand({ Bucket: this.s3.bucket, Key: asset.key }),
      );
      return {
        size_bytes: res.ContentLength ?? 0,
        etag: res.ETag?.replace(/"/g, '') ?? null,
        content_type: res.ContentType ?? null,
      };
    } catch (err) {
      if ((err as Error).name === 'NotFound' || (err as Error).name === 'NoSuchKey') return null;
      throw err;
    }
  }

  async deleteObject(_scope: Scope, asset: RawAsset): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.s3.bucket, Key: asset.key }));
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return this.scopeData.exportScope(scope);
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    return this.scopeData.importRecords(scope, records);
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return this.scopeData.scopesHeld(tenantId, env);
  }

  deleteScope(scope: Scope): Promise<void> {
    return this.scopeData.deleteScope(scope);
  }

  private recordKey(scope: Scope, assetId: string): string {
    return this.s3.key(scope, 'raw', '_index', `${invertSortableId(assetId)}.json`);
  }
}
