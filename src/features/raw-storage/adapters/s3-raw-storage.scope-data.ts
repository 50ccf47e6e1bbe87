import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  deleteObjectsUnder,
  objectsUnder,
  readObject,
  scopesHeldOn,
  transferTimeoutMs,
  unquotedEtag,
} from '../../../backends/s3/scope-objects';
import type { S3Handle } from '../../../backends/s3/s3.driver';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import { invertSortableId } from '../../../common/ids/sortable-id';
import type { Env, Scope } from '../../../common/scope/scope';
import type { RawAsset } from '../raw-storage.types';
import {
  RAW_ASSETS,
  rawAssetOf,
  rawAssetRecord,
  rawCheckEtag,
  rawObjectOf,
  rawObjectRecord,
} from './raw-storage-scope-records';

/** What the scope data needs of the repository: its records, read and written as the port does. */
export interface S3RawStorageRecords {
  get(scope: Scope, assetId: string): Promise<RawAsset | null>;
  update(scope: Scope, asset: RawAsset): Promise<void>;
}

/**
 * The scope data of {@link S3RawStorageRepository} (neutral records: raw-storage-scope-records.ts).
 * Everything of a scope lives under `{prefix/}tenants/{tenant}/{env}/{project|-}/raw/`: the
 * records under `_index/`, each object at `{asset_id}/{filename}`; one listing finds both.
 */
export class S3RawStorageScopeData implements ScopeData {
  constructor(
    private readonly s3: S3Handle,
    private readonly client: S3Client,
    private readonly records: S3RawStorageRecords,
  ) {}

  /** Assets first (in the `_index` order, newest first), then the objects, in key order. */
  async *exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    const root = this.root(scope);
    const objects: string[] = [];
    for await (const { key } of objectsUnder(this.s3, this.client, root)) {
      const name = key.slice(root.length);
      const index = /^_index\/([0-9a-z]{26})\.json$/.exec(name);
      if (index === null) {
        if (/^[^/_][^/]*\/[^/]+$/.test(name)) objects.push(name);
        continue;
      }
      const asset = await this.records.get(scope, invertSortableId(index[1] as string));
      if (asset !== null) yield rawAssetRecord(scope, asset);
    }
    for (const name of objects) {
      const stored = await readObject(this.s3, this.client, `${root}${name}`, this.s3.timeoutMs);
      if (stored === null) continue;
      const [assetId = '', filename = ''] = name.split('/');
      yield rawObjectRecord({
        assetId,
        filename,
        body: stored.body,
        content_type: stored.contentType,
        etag: stored.etag,
      });
    }
  }

  /**
   * Records as the port writes them (key under this route's prefix); objects with one
   * PutObject of the bytes and their content type, whose ETag S3 answers is checked to be
   * the one the object had (see `rawCheckEtag`): the MD5 of the bytes, the same as the
   * client's presigned PUT got, so the asset's recorded ETag, a HEAD and a presigned
   * download agree after the move. One PutObject, never a multipart upload, whose ETag
   * would differ.
   */
  async importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    for (const record of records) {
      if (record.collection === RAW_ASSETS) {
        const asset = rawAssetOf(scope, record);
        await this.records.update(scope, {
          ...asset,
          key: this.s3.key(scope, 'raw', asset.asset_id, asset.filename),
        });
        continue;
      }
      const object = rawObjectOf(record);
      const res = await this.client.send(
        new PutObjectCommand({
          Bucket: this.s3.bucket,
          Key: this.s3.key(scope, 'raw', object.assetId, object.filename),
          Body: object.body,
          ContentLength: object.body.length,
          ContentType: object.content_type ?? undefined,
        }),
        { requestTimeout: transferTimeoutMs(this.s3.timeoutMs, object.body.length) },
      );
      rawCheckEtag(object, unquotedEtag(res.ETag));
    }
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return scopesHeldOn(this.s3, this.client, tenantId, env, 'raw');
  }

  deleteScope(scope: Scope): Promise<void> {
    return deleteObjectsUnder(this.s3, this.client, this.root(scope));
  }

  private root(scope: Scope): string {
    return `${this.s3.key(scope, 'raw')}/`;
  }
}
