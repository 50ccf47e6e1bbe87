import { Logger } from '@nestjs/common';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { S3Handle } from '../../../backends/s3/s3.driver';
import type { Scope } from '../../../common/scope/scope';
import type { MediaAsset } from '../media-v2-storage.types';
import type { S3MediaKeys } from './s3-media-keys';

/** What the sweeper needs of the repository. */
export interface SweptAssets {
  get(scope: Scope, id: string): Promise<MediaAsset | null>;
  delete(scope: Scope, asset: MediaAsset): Promise<void>;
}

/** Markers looked at per sweep: a sweep stays a handful of requests. */
const SWEEP_BATCH = 50;

/**
 * Removes what failed uploads left in a scope. An upload writes `_pending/{id}` before its
 * first byte and removes it once the metadata is stored, so an old marker names an upload
 * that never finished, or whose marker removal failed:
 * - metadata and bytes both stored: only the marker goes;
 * - otherwise the whole asset goes: metadata and pointers (a save that timed out may have
 *   landed after all), every object under `{id}/` (a write S3 received but never answered
 *   lands late), the multipart uploads still open under it, then the marker.
 * Open multipart uploads are found with ListMultipartUploads, which s3rver does not
 * implement: there, and wherever the call fails, the bucket's AbortIncompleteMultipartUpload
 * lifecycle rule removes their parts. A marker must be older than the longest upload, or
 * the sweep would remove an upload under way.
 */
export class S3MediaSweeper {
  private readonly logger = new Logger(S3MediaSweeper.name);

  constructor(
    private readonly s3: S3Handle,
    private readonly keys: S3MediaKeys,
    /** Bounds each request (the sweep is not under the routed per-call timeout). */
    private readonly client: S3Client,
    private readonly assets: SweptAssets,
  ) {}

  /** Sweeps up to {@link SWEEP_BATCH} markers older than `olderThan`; resolves how many assets went. */
  async sweep(scope: Scope, olderThan: Date): Promise<number> {
    const prefix = this.keys.pendingPrefix(scope);
    const page = await this.client.send(
      new ListObjectsV2Command({ Bucket: this.s3.bucket, Prefix: prefix, MaxKeys: SWEEP_BATCH }),
    );
    let removed = 0;
    for (const marker of page.Contents ?? []) {
      const id = marker.Key?.slice(prefix.length) ?? '';
      if (id === '' || (marker.LastModified ?? olderThan) > olderThan) continue;
      if (await this.sweepOne(scope, id)) removed += 1;
      await this.deleteKey(this.keys.pending(scope, id));
    }
    return removed;
  }

  /** Removes the asset unless it is complete; true when something was removed. */
  private async sweepOne(scope: Scope, id: string): Promise<boolean> {
    const asset = await this.assets.get(scope, id);
    if (asset !== null && (await this.exists(this.keys.content(scope, asset)))) return false;
    if (asset !== null) await this.assets.delete(scope, asset);
    const prefix = this.keys.contentPrefix(scope, id);
    const left = await this.client.send(
      new ListObjectsV2Command({ Bucket: this.s3.bucket, Prefix: prefix }),
    );
    await Promise.all(
      (left.Contents ?? []).flatMap((o) => (o.Key === undefined ? [] : [this.deleteKey(o.Key)])),
    );
    await this.abortOpenUploads(prefix);
    this.logger.log({ asset_id: id, scope: scope.toString() }, 'swept an abandoned media upload');
    return true;
  }

  private async abortOpenUploads(prefix: string): Promise<void> {
    try {
      const open = await this.client.send(
        new ListMultipartUploadsCommand({ Bucket: this.s3.bucket, Prefix: prefix }),
      );
      await Promise.all(
        (open.Uploads ?? []).map((u) =>
          this.client.send(
            new AbortMultipartUploadCommand({
              Bucket: this.s3.bucket,
              Key: u.Key,
              UploadId: u.UploadId,
            }),
          ),
        ),
      );
    } catch (err) {
      this.logger.warn(
        { err, prefix },
        'could not abort the open multipart uploads of an abandoned media upload: the bucket lifecycle rule AbortIncompleteMultipartUpload removes their parts',
      );
    }
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.s3.bucket, Key: key }));
      return true;
    } catch (err) {
      if ((err as Error).name === 'NotFound' || (err as Error).name === 'NoSuchKey') return false;
      throw err;
    }
  }

  private async deleteKey(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.s3.bucket, Key: key }));
  }
}
