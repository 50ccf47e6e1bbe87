import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { json } from 'express';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreFeatureFlagRepository } from './adapters/firestore-feature-flag.repository';
import { InMemoryFeatureFlagRepository } from './adapters/in-memory-feature-flag.repository';
import { FeatureFlagRepository } from './feature-flag.repository';
import { FEATURE_FLAGS_KIND } from './feature-flag.types';
import { FeatureFlagsController } from './feature-flags.controller';
import { FeatureFlagsService } from './feature-flags.service';

/** feature_flags: the reference feature module. Copy this folder to add a kind. */
@Module({
  controllers: [FeatureFlagsController],
  providers: [
    provideRoutedRepository(FeatureFlagRepository, FEATURE_FLAGS_KIND, {
      firestore: (fs) => new FirestoreFeatureFlagRepository(fs),
      memory: () => new InMemoryFeatureFlagRepository(),
    }),
    FeatureFlagsService,
  ],
  exports: [FeatureFlagsService],
})
export class FeatureFlagsModule implements NestModule {
  /** The app parses application/json; a merge patch has its own media type (RFC 7396). */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(json({ type: 'application/merge-patch+json', limit: '256kb' }))
      .forRoutes({ path: 'feature-flags', method: RequestMethod.PATCH });
  }
}
