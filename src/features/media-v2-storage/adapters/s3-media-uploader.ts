import type { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
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
 * part, a multipart upload otherwise. Each S3 request (one part of at most 5 MiB, buffered
 * before it is sent) is bounded by `requestTimeoutMs`, so a stalled S3 fails the upload
 * within that bound whatever the length of the whole transfer, and a slow client is never
 * penalised (its bytes are buffered before a request starts).
 *
 * On failure the multipart upload is aborted here, in the background (the caller answers at
 * once), bounded and logged; `leavePartsOnError` stops lib-storage doing it in the request.
 * s3rver answers every AbortMultipartUpload with 405, and an abort sent while S3 is down
 * fails: those parts are never visible as an object, and the bucket's
 * AbortIncompleteMultipartUpload lifecycle rule reaps them (docs/s3-outages.md).
 */
export class S3MediaUploader {
  private readonly logger = new Logger(S3MediaUploader.name);
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
      const bodyFailure = ownBodyFailure(body);
      body.destroy();
      if (upload.uploadId !== undefined) void this.abort(key, upload.uploadId);
      throw bodyFailure ?? err;
    }
  }

  private async abort(key: string, uploadId: string): Promise<void> {
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.s3.bucket, Key: key, UploadId: uploadId }),
      );
      this.logger.log(
        { key, upload_id: uploadId },
        'aborted the multipart upload of a failed upload',
      );
    } catch (err) {
      this.logger.warn(
        { err, key, upload_id: uploadId },
        'could not abort the multipart upload of a failed upload: the bucket lifecycle rule AbortIncompleteMultipartUpload removes its parts',
      );
    }
  }
}

/**
 * Why the body failed on its own (size limit, client gone), or undefined. lib-storage stops
 * reading the body when S3 fails, which destroys it with an AbortError: that one is an
 * effect of the S3 failure, and reporting it would turn a 503 into a 500. An upload whose
 * body failed never sent the request that would make its object (the PutObject of a
 * single part, or CompleteMultipartUpload), so no write of it can still land.
 */
export function ownBodyFailure(body: Readable): Error | undefined {
  const error = body.errored;
  return error === null || error.name === 'AbortError' ? undefined : error;
}
