import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { guardedClient } from '../../../backends/s3/s3-client-guard';
import { idleBounded } from '../../../backends/s3/s3-idle-stream';
import type { S3Handle } from '../../../backends/s3/s3.driver';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { MediaV2StorageRepository } from '../media-v2-storage.repository';
import type {
  MediaAsset,
  MediaAssetPage,
  MediaContentTarget,
  MediaListQuery,
} from '../media-v2-storage.types';
import { S3MediaKeys, type Pointer } from './s3-media-keys';
import { S3MediaSweeper } from './s3-media-sweeper';
import { ownBodyFailure, S3MediaUploader } from './s3-media-uploader';
import { S3MediaV2StorageScopeData } from './s3-media-v2-storage.scope-data';

/** Tuning of the S3 adapter (defaults suit production; tests shrink them). */
export interface S3MediaTuning {
  /**
   * Bound on each S3 request the adapter makes outside the routed per-call timeout (one
   * part of at most 5 MiB of an upload, clean-ups, sweeps); default `BACKEND_TIMEOUT_MS`.
   */
  requestTimeoutMs: number;
  /** `MaxKeys` of each ListObjectsV2 call. */
  listPageKeys: number;
  /** ListObjectsV2 calls one filtered list page may make before it answers a shorter page. */
  maxListCalls: number;
}

const DEFAULT_TUNING: Omit<S3MediaTuning, 'requestTimeoutMs'> = {
  listPageKeys: 1000,
  maxListCalls: 5,
};

/**
 * Media assets in the route's bucket (layout: {@link S3MediaKeys}). S3 has no transaction
 * over several objects, so writes go pending marker → bytes → metadata → pointers → marker
 * removed, and deletes go metadata → the rest: an interrupted write leaves an asset readable
 * by id but not listed (the upload service then deletes it, best effort), an interrupted
 * delete leaves pointers without metadata, which lists skip. Neither ever shows an asset
 * whose bytes are missing. Bytes are only sent once the marker is stored, and a failed
 * upload keeps its marker (S3 may still apply a write it never answered), so whatever an
 * outage leaves behind is named by a marker that {@link sweepAbandoned} finds. Moves:
 * {@link S3MediaV2StorageScopeData}.
 */
export class S3MediaV2StorageRepository extends MediaV2StorageRepository implements ScopeData {
  private readonly keys: S3MediaKeys;
  private readonly tuning: S3MediaTuning;
  private readonly uploader: S3MediaUploader;
  private readonly sweeper: S3MediaSweeper;
  private readonly scopeData: S3MediaV2StorageScopeData;
  private readonly client: S3Client;
  /** Each request bounded (for requests outside the routed per-call timeout). */
  private readonly timed: S3Client;

  constructor(
    private readonly s3: S3Handle,
    tuning: Partial<S3MediaTuning> = {},
  ) {
    super();
    this.keys = new S3MediaKeys(s3);
    this.client = guardedClient(s3.client);
    this.tuning = { ...DEFAULT_TUNING, requestTimeoutMs: s3.timeoutMs, ...tuning };
    this.timed = guardedClient(s3.client, { timeoutMs: this.tuning.requestTimeoutMs });
    this.uploader = new S3MediaUploader(s3, this.tuning.requestTimeoutMs);
    this.sweeper = new S3MediaSweeper(s3, this.keys, this.timed, this);
    this.scopeData = new S3MediaV2StorageScopeData(s3, this.keys, this.client, this.uploader, this);
  }

  /** A failure of S3 keeps the marker: S3 may still apply a write it never answered. */
  async putContent(scope: Scope, target: MediaContentTarget, body: Readable): Promise<void> {
    const marker = this.keys.pending(scope, target.id);
    await this.putEmpty(marker, this.timed);
    try {
      await this.uploader.upload(this.keys.content(scope, target), target.content_type, body);
    } catch (err) {
      if (ownBodyFailure(body) !== undefined)
        await this.deleteKey(marker, this.timed).catch(() => undefined);
      throw err;
    }
  }

  /** The marker goes last: once the bytes are gone, nothing is left for a sweep to find. */
  async discardContent(scope: Scope, target: MediaContentTarget): Promise<void> {
    await this.deleteKey(this.keys.content(scope, target));
    await this.deleteKey(this.keys.pending(scope, target.id));
  }

  sweepAbandoned(scope: Scope, olderThan: Date): Promise<number> {
    return this.sweeper.sweep(scope, olderThan);
  }

  async save(scope: Scope, asset: MediaAsset): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.s3.bucket,
        Key: this.keys.record(scope, asset.id),
        Body: JSON.stringify(asset),
        ContentType: 'application/json',
      }),
    );
    await Promise.all(this.keys.pointers(scope, asset).map((key) => this.putEmpty(key)));
    // The asset is complete: a marker left behind costs a sweep one HEAD, never the asset.
    await this.deleteKey(this.keys.pending(scope, asset.id)).catch(() => undefined);
  }

  async get(scope: Scope, id: string): Promise<MediaAsset | null> {
    const body = await this.getObject(this.keys.record(scope, id));
    if (body === null) return null;
    const asset = JSON.parse(await body.transformToString()) as MediaAsset;
    return asset.id === id ? asset : null;
  }

  async list(scope: Scope, query: MediaListQuery): Promise<MediaAssetPage> {
    const { pointers, next } = await this.scan(scope, query);
    const assets = await Promise.all(pointers.map((p) => this.get(scope, p.id)));
    return { items: assets.filter((a): a is MediaAsset => a !== null), next };
  }

  async openContent(scope: Scope, asset: MediaAsset): Promise<Readable | null> {
    const body = await this.getObject(this.keys.content(scope, asset));
    if (body === null) return null;
    if (!(body instanceof Readable))
      throw new TypeError('S3 GetObject did not return a Node.js stream');
    return idleBounded(body, this.tuning.requestTimeoutMs, 's3 download');
  }

  async delete(scope: Scope, asset: MediaAsset): Promise<void> {
    await this.deleteKey(this.keys.record(scope, asset.id));
    await Promise.all(
      [this.keys.content(scope, asset), ...this.keys.pointers(scope, asset)].map((key) =>
        this.deleteKey(key),
      ),
    );
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

  /**
   * Pointers of one page: ListObjectsV2 from the position (continuation tokens within the
   * call), the kind filtered from the keys, at most `maxListCalls` calls. `next` is the last
   * pointer returned when more match, or the last one scanned when the call budget ran out.
   */
  private async scan(
    scope: Scope,
    query: MediaListQuery,
  ): Promise<{ pointers: Pointer[]; next: string | null }> {
    const prefix = this.keys.listPrefix(scope, query.tag);
    const found: Pointer[] = [];
    let lastScanned: string | null = null;
    let token: string | undefined;
    for (let call = 0; call < this.tuning.maxListCalls; call += 1) {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.s3.bucket,
          Prefix: prefix,
          MaxKeys: this.tuning.listPageKeys,
          ...(token !== undefined
            ? { ContinuationToken: token }
            : query.before !== undefined
              ? { StartAfter: this.keys.startAfter(prefix, query.before) }
              : {}),
        }),
      );
      for (const object of page.Contents ?? []) {
        const pointer = object.Key === undefined ? null : this.keys.parsePointer(object.Key);
        if (pointer === null) continue;
        lastScanned = pointer.id;
        if (query.kind === undefined || pointer.kind === query.kind) found.push(pointer);
        if (found.length > query.limit)
          return {
            pointers: found.slice(0, query.limit),
            next: found[query.limit - 1]?.id ?? null,
          };
      }
      if (page.IsTruncated !== true || page.NextContinuationToken === undefined)
        return { pointers: found, next: null };
      token = page.NextContinuationToken;
    }
    return { pointers: found, next: lastScanned };
  }

  private async getObject(key: string) {
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.s3.bucket, Key: key }),
      );
      return res.Body ?? null;
    } catch (err) {
      if ((err as Error).name === 'NoSuchKey') return null;
      throw err;
    }
  }

  private async deleteKey(key: string, client = this.client): Promise<void> {
    await client.send(new DeleteObjectCommand({ Bucket: this.s3.bucket, Key: key }));
  }

  private async putEmpty(key: string, client = this.client): Promise<void> {
    await client.send(
      new PutObjectCommand({ Bucket: this.s3.bucket, Key: key, Body: '', ContentLength: 0 }),
    );
  }
}
