import { defineConfig } from '../../config/config-namespace';
import { DEFAULT_MAX_RAW_UPLOAD_BYTES } from './raw-storage.options';

/** S3 takes at most 5 GiB in one presigned PUT. */
const S3_MAX_PUT_BYTES = 5 * 1024 * 1024 * 1024;

/** raw_storage settings, validated at start with the rest of the configuration. */
export const rawStorageConfig = defineConfig('raw_storage', (source) => ({
  /** `RAW_MAX_UPLOAD_BYTES` (default 1 GiB): largest raw_storage presigned upload. */
  maxUploadBytes: source.int('RAW_MAX_UPLOAD_BYTES', DEFAULT_MAX_RAW_UPLOAD_BYTES, {
    min: 1,
    max: S3_MAX_PUT_BYTES,
  }),
}));
