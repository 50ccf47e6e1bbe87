import { Readable } from 'node:stream';
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  deleteObjectsUnder,
  objectsUnder,
  readObject,
  scopesHeldOn,
} from '../../../backends/s3/scope-objects';
import type { S3Handle } from '../../../backends/s3/s3.driver';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import type { MediaAsset } from '../media-v2-storage.types';
import { mediaAssetOf, mediaAssetRecord } from './media-v2-storage-scope-records';
import type { S3MediaKeys } from './s3-media-keys';
import type { S3MediaUploader } from './s3-media-uploader';

/** What the scope data needs of the repository: metadata read and saved as the port does. */
export interface S3MediaV2StorageAssets {
  get(scope: Scope, id: string): Promise<MediaAsset | null>;
  save(scope: Scope, asset: MediaAsset): Promise<void>;
}

/**
 * The scope data of {@link S3MediaV2StorageRepository} (neutral records:
 * media-v2-storage-scope-records.ts). Everything of a scope lives under
 * `{prefix/}tenants/{tenant}/{env}/{project|-}/media/` (layout: {@link S3MediaKeys}).
 */
export class S3MediaV2StorageScopeData implements ScopeData {
  constructor(
    private readonly s3: S3Handle,
    private readonly keys: S3MediaKeys,
    /**
     * The repository's client: the wait for each answer is bounded by the client's request
     * timeout, a body read by an idle bound (a whole-request bound would cut large bytes).
     */
    private readonly client: S3Client,
    private readonly uploader: S3MediaUploader,
    private readonly assets: S3MediaV2StorageAssets,
  ) {}

  /**
   * The metadata objects `{id}.json` are the only objects directly under `media/` (a
   * Delimiter listing folds the bytes, `_index/` and `_pending/` away), in key order: oldest
   * first. Each comes with the bytes at its content key.
   */
  async *exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    const root = this.root(scope);
    for await (const { key } of objectsUnder(this.s3, this.client, root, '/')) {
      if (!key.endsWith('.json')) continue;
      const asset = await this.assets.get(scope, key.slice(root.length, -'.json'.length));
      if (asset === null) continue;
      const content = this.keys.content(scope, asset);
      const stored = await readObject(this.s3, this.client, content, this.s3.timeoutMs);
      yield mediaAssetRecord(asset, stored?.body);
    }
  }

  /**
   * In the order an upload writes: bytes (through the upload path), then metadata and list
   * pointers with `save`, so an interrupted import never lists an asset whose bytes are
   * missing. A record without bytes removes any stored at its content key.
   */
  async importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    for (const record of records) {
      const asset = mediaAssetOf(scope, record);
      const content = this.keys.content(scope, asset);
      if (record.body === undefined)
        await this.client.send(new DeleteObjectCommand({ Bucket: this.s3.bucket, Key: content }));
      else
        await this.uploader.upload(
          content,
          asset.content_type,
          Readable.from([Buffer.from(record.body)]),
        );
      await this.assets.save(scope, asset);
    }
  }

  /** Counts every object of the kind, leftovers of failed uploads too (deleteScope removes them). */
  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return scopesHeldOn(this.s3, this.client, tenantId, env, 'media');
  }

  /**
   * Every object under the scope's `media/`. Parts of multipart uploads never completed are
   * not objects: the bucket's AbortIncompleteMultipartUpload lifecycle rule removes them.
   */
  deleteScope(scope: Scope): Promise<void> {
    return deleteObjectsUnder(this.s3, this.client, this.root(scope));
  }

  private root(scope: Scope): string {
    return `${this.s3.key(scope, 'media')}/`;
  }
}
