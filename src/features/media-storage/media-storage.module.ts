import { AppConfig } from '../../config/app-config';
import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { InMemoryMediaAssetRepository } from './adapters/in-memory-media-asset.repository';
import { S3MediaAssetRepository } from './adapters/s3-media-asset.repository';
import { MediaAssetRepository } from './media-asset.repository';
import { MEDIA_KIND } from './media-asset.types';
import { MediaStorageController } from './media-storage.controller';
import { MediaStorageOptions } from './media-storage.options';
import { MediaStorageService } from './media-storage.service';
import { MediaSweepService } from './media-sweep.service';
import { MediaUploadService } from './media-upload.service';

const MEDIA_PROVIDERS = [
  provideRoutedRepository(
    MediaAssetRepository,
    MEDIA_KIND,
    {
      s3: (s3) => new S3MediaAssetRepository(s3),
      memory: () => new InMemoryMediaAssetRepository(),
    },
    { untimed: ['putContent', 'sweepAbandoned'] },
  ),
  MediaStorageService,
  MediaUploadService,
  MediaSweepService,
];

/**
 * media_v2_storage: uploads streamed to S3 with metadata beside them. Mounted as is, it
 * uses {@link MediaStorageOptions} defaults (100 MiB uploads), with the limit from `MEDIA_MAX_UPLOAD_BYTES`.
 */
@Module({
  controllers: [MediaStorageController],
  providers: [
    ...MEDIA_PROVIDERS,
    {
      provide: MediaStorageOptions,
      useFactory: (config: AppConfig) =>
        new MediaStorageOptions({ maxUploadBytes: config.mediaMaxUploadBytes }),
      inject: [AppConfig],
    },
  ],
  exports: [MediaStorageService],
})
export class MediaStorageModule {}
