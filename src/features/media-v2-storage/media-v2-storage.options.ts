/** 100 MiB: the default upload limit. */
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
export const DEFAULT_ABANDONED_UPLOAD_AFTER_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Options of the media_v2_storage module, injected by this class as its token. The module
 * builds it from its settings (`MEDIA_MAX_UPLOAD_BYTES`, media-v2-storage.config.ts); features never read the process environment.
 */
export class MediaV2StorageOptions {
  /** Largest file accepted, in bytes; one byte more is `413 media_v2_storage.too_large`. */
  maxUploadBytes: number = DEFAULT_MAX_UPLOAD_BYTES;
  /**
   * An upload that has not completed this long after it started is abandoned, and a sweep
   * removes what it left (default 24 h). Must exceed the longest upload: a younger one may
   * still be under way.
   */
  abandonedUploadAfterMs: number = DEFAULT_ABANDONED_UPLOAD_AFTER_MS;
  /** Per scope and instance, at most one sweep this often (default 10 min). */
  sweepIntervalMs: number = DEFAULT_SWEEP_INTERVAL_MS;

  constructor(values: Partial<MediaV2StorageOptions> = {}) {
    Object.assign(this, values);
  }
}
