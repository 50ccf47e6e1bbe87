/** 100 MiB: the default upload limit. */
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/**
 * Options of the media_v2_storage module, injected by this class as its token. The module
 * builds it from AppConfig (`MEDIA_MAX_UPLOAD_BYTES`); features never read the process environment.
 */
export class MediaStorageOptions {
  /** Largest file accepted, in bytes; one byte more is `413 media.too_large`. */
  maxUploadBytes: number = DEFAULT_MAX_UPLOAD_BYTES;

  constructor(values: Partial<MediaStorageOptions> = {}) {
    Object.assign(this, values);
  }
}
