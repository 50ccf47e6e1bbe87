import { AppConfig } from '../../config/app-config';
import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { InMemoryRawAssetRepository } from './adapters/in-memory-raw-asset.repository';
import { S3RawAssetRepository } from './adapters/s3-raw-asset.repository';
import { RawAssetRepository } from './raw-asset.repository';
import { RAW_KIND } from './raw-asset.types';
import { RawStorageController } from './raw-storage.controller';
import { RawStorageOptions } from './raw-storage.options';
import { RawStorageService } from './raw-storage.service';

/**
 * raw_storage: clients move bytes directly to and from S3 through presigned URLs; the app
 * keeps the records. On the memory backend URLs point at a host that never resolves (see
 * `MEMORY_PRESIGN_ORIGIN`). The upload limit comes from `RAW_MAX_UPLOAD_BYTES`.
 */
@Module({
  controllers: [RawStorageController],
  providers: [
    provideRoutedRepository(RawAssetRepository, RAW_KIND, {
      s3: (s3) => new S3RawAssetRepository(s3),
      memory: () => new InMemoryRawAssetRepository(),
    }),
    RawStorageService,
    {
      provide: RawStorageOptions,
      useFactory: (config: AppConfig) =>
        new RawStorageOptions({ maxUploadBytes: config.rawMaxUploadBytes }),
      inject: [AppConfig],
    },
  ],
  exports: [RawStorageService],
})
export class RawStorageModule {}
