import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { MediaTooLargeError } from '../media-v2-storage.errors';

/**
 * Passes bytes through while counting them and hashing them (SHA-256), so the size and
 * digest are known the moment the upload ends without holding the file. Fails with
 * `media_v2_storage.too_large` as soon as more than `maxBytes` have passed.
 */
export class ContentMeter extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  /**
   * Bytes seen so far. Not named `size`: lib-storage reads a body's `size` as its total
   * length, and would take the bytes metered so far for it (then refuse the upload).
   */
  get bytesSeen(): number {
    return this.count;
  }

  /** Hex SHA-256 of every byte seen; call once, after the stream ended. */
  digest(): string {
    return this.hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.maxBytes) {
      done(new MediaTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}
