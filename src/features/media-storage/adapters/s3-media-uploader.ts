import type { Readable } from 'node:stream';
import { AbortMultipartUploadCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { guardedClient } from '../../../backends/s3/s3-client-guard';
import type { S3Handle } from '../../../backends/s3/s3.driver';

/** S3's minimum part size; also what lib-storage buffers per part. */
const PART_SIZE = 5 * 1024 * 1024;
/** Parts in flight at once: memory per upload is at most PART_SIZE × (QUEUE_SIZE + 1). */
const QUEUE_SIZE = 2;

/**
 * Streams one object into S3 with lib-storage: a single PutObject when the body fits in one
 * part, a multipart upload otherwise. On failure the multipart upload is aborted here, once
 * and best effort (`leavePartsOnError` stops lib-storage doing it), and the error reported
 * is the body's own when the body failed (size limit, client gone): lib-storage would let
 * a failed abort replace it, and s3rver answers every AbortMultipartUpload with 405. Parts
 * of an abort that failed are never visible as an object; the bucket's
 * AbortIncompleteMultipartUpload lifecycle rule reaps them.
 */
export class S3MediaUploader {
  private readonly client: S3Client;

  constructor(
    private readonly s3: S3Handle,
    requestTimeoutMs: number,
  ) {
    this.client = guardedClient(s3.client, { timeoutMs: requestTimeoutMs });
  }

  async upload(key: string, contentType: string, body: Readable): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.s3.bucket, Key: key, Body: body, ContentType: contentType },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: true,
    });
    try {
      await upload.done();
    } catch (err) {
      await this.abort(key, upload.uploadId);
      body.destroy();
      throw body.errored ?? err;
    }
  }

  private async abort(key: string, uploadId: string | undefined): Promise<void> {
    if (uploadId === undefined) return;
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.s3.bucket, Key: key, UploadId: uploadId }),
      );
    } catch {
      // Best effort (see the class comment): the caller must see why the upload failed.
    }
  }
}
