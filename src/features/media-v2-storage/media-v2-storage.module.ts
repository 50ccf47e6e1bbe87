import { Module } from '@nestjs/common';
import { ConfigModule, type ConfigType } from '@nestjs/config';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { InMemoryMediaV2StorageRepository } from './adapters/in-memory-media-v2-storage.repository';
import { S3MediaV2StorageRepository } from './adapters/s3-media-v2-storage.repository';
import { MediaV2StorageRepository } from './media-v2-storage.repository';
import { MEDIA_V2_STORAGE_KIND } from './media-v2-storage.types';
import { mediaV2StorageConfig } from './media-v2-storage.config';
import { MediaV2StorageController } from './media-v2-storage.controller';
import { MediaV2StorageOptions } from './media-v2-storage.options';
import { MediaV2StorageService } from './media-v2-storage.service';
import { MediaV2StorageSweepService } from './media-v2-storage-sweep.service';
import { MediaV2StorageUploadService } from './media-v2-storage-upload.service';

const MEDIA_PROVIDERS = [
  provideRoutedRepository(
    MediaV2StorageRepository,
    MEDIA_V2_STORAGE_KIND,
    {
      s3: (s3) => new S3MediaV2StorageRepository(s3),
      memory: () => new InMemoryMediaV2StorageRepository(),
    },
    { untimed: ['putContent', 'sweepAbandoned'], reads: ['get', 'list', 'openContent'] },
  ),
  MediaV2StorageService,
  MediaV2StorageUploadService,
  MediaV2StorageSweepService,
];

/**
 * media_v2_storage: uploads streamed to S3 with metadata beside them. Mounted as is, it
 * uses {@link MediaV2StorageOptions} defaults (100 MiB uploads), with the limit from `MEDIA_MAX_UPLOAD_BYTES`.
 */
@Module({
  imports: [ConfigModule.forFeature(mediaV2StorageConfig)],
  controllers: [MediaV2StorageController],
  providers: [
    ...MEDIA_PROVIDERS,
    {
      provide: MediaV2StorageOptions,
      useFactory: (config: ConfigType<typeof mediaV2StorageConfig>) =>
        new MediaV2StorageOptions({ maxUploadBytes: config.maxUploadBytes }),
      inject: [mediaV2StorageConfig.KEY],
    },
  ],
  exports: [MediaV2StorageService],
})
export class MediaV2StorageModule {}
