/** 1 GiB: the default largest declared upload. */
export const DEFAULT_MAX_RAW_UPLOAD_BYTES = 1024 * 1024 * 1024;
/** A presigned URL never lives longer than 15 minutes. */
export const MAX_URL_TTL_SECONDS = 900;

/**
 * Options of the raw_storage module, injected by this class as its token. The module builds
 * it from its settings (`RAW_MAX_UPLOAD_BYTES`, raw-storage.config.ts); URL lifetimes keep their defaults.
 */
export class RawStorageOptions {
  /** Largest `size_bytes` accepted (S3 takes at most 5 GiB in one presigned PUT). */
  maxUploadBytes: number = DEFAULT_MAX_RAW_UPLOAD_BYTES;
  /** Lifetime of a presigned upload URL, at most {@link MAX_URL_TTL_SECONDS}. */
  uploadUrlTtlSeconds = 600;
  /** Lifetime of a presigned download URL, at most {@link MAX_URL_TTL_SECONDS}. */
  downloadUrlTtlSeconds = 300;

  constructor(values: Partial<RawStorageOptions> = {}) {
    Object.assign(this, values);
    for (const ttl of [this.uploadUrlTtlSeconds, this.downloadUrlTtlSeconds]) {
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_URL_TTL_SECONDS) {
        throw new Error(
          `RawStorageOptions: presigned URL lifetimes must be 1..${MAX_URL_TTL_SECONDS} seconds; got ${ttl}.`,
        );
      }
    }
  }
}
