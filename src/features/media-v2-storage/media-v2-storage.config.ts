import { defineConfig } from '../../config/config-namespace';
import { DEFAULT_MAX_UPLOAD_BYTES } from './media-v2-storage.options';

const GiB = 1024 * 1024 * 1024;

/** media_v2_storage settings, validated at start with the rest of the configuration. */
export const mediaV2StorageConfig = defineConfig('media_v2_storage', (source) => ({
  /** `MEDIA_MAX_UPLOAD_BYTES` (default 100 MiB): largest media_v2_storage upload. */
  maxUploadBytes: source.int('MEDIA_MAX_UPLOAD_BYTES', DEFAULT_MAX_UPLOAD_BYTES, {
    min: 1,
    max: 5 * GiB,
  }),
}));
