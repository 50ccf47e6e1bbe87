import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreFeatureFlagsRepository } from './adapters/firestore-feature-flags.repository';
import { InMemoryFeatureFlagsRepository } from './adapters/in-memory-feature-flags.repository';
import { FeatureFlagsRepository } from './feature-flags.repository';
import { FEATURE_FLAGS_KIND } from './feature-flags.types';
import { FeatureFlagsController } from './feature-flags.controller';
import { FeatureFlagsService } from './feature-flags.service';

/** feature_flags: the reference feature module; `npm run new-kind` copies it to start a kind. */
@Module({
  controllers: [FeatureFlagsController],
  providers: [
    provideRoutedRepository(
      FeatureFlagsRepository,
      FEATURE_FLAGS_KIND,
      {
        firestore: (fs) => new FirestoreFeatureFlagsRepository(fs),
        memory: () => new InMemoryFeatureFlagsRepository(),
      },
      // Reads keep serving while the scope is frozen for a move; puts answer 503.
      { reads: ['get'] },
    ),
    FeatureFlagsService,
  ],
  exports: [FeatureFlagsService],
})
export class FeatureFlagsModule {}
