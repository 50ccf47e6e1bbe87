import { Module } from '@nestjs/common';
import { ConfigModule, type ConfigType } from '@nestjs/config';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { InMemoryRawStorageRepository } from './adapters/in-memory-raw-storage.repository';
import { S3RawStorageRepository } from './adapters/s3-raw-storage.repository';
import { RawStorageRepository } from './raw-storage.repository';
import { RAW_STORAGE_KIND } from './raw-storage.types';
import { rawStorageConfig } from './raw-storage.config';
import { RawStorageController } from './raw-storage.controller';
import { RawStorageOptions } from './raw-storage.options';
import { RawStorageService } from './raw-storage.service';

/**
 * raw_storage: clients move bytes directly to and from S3 through presigned URLs; the app
 * keeps the records. On the memory backend URLs point at a host that never resolves (see
 * `MEMORY_PRESIGN_ORIGIN`). The upload limit comes from `RAW_MAX_UPLOAD_BYTES`.
 */
@Module({
  imports: [ConfigModule.forFeature(rawStorageConfig)],
  controllers: [RawStorageController],
  providers: [
    provideRoutedRepository(
      RawStorageRepository,
      RAW_STORAGE_KIND,
      {
        s3: (s3) => new S3RawStorageRepository(s3),
        memory: () => new InMemoryRawStorageRepository(),
      },
      // presign stores nothing: it signs downloads, and signs an upload only for an asset
      // `create` has just recorded (a write, refused while the scope moves).
      { reads: ['get', 'list', 'presign', 'head'] },
    ),
    RawStorageService,
    {
      provide: RawStorageOptions,
      useFactory: (config: ConfigType<typeof rawStorageConfig>) =>
        new RawStorageOptions({ maxUploadBytes: config.maxUploadBytes }),
      inject: [rawStorageConfig.KEY],
    },
  ],
  exports: [RawStorageService],
})
export class RawStorageModule {}
