import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreMaybeRepository } from './adapters/firestore-maybe.repository';
import { InMemoryMaybeRepository } from './adapters/in-memory-maybe.repository';
import { MaybeRepository } from './maybe.repository';
import { MAYBES_KIND } from './maybe.types';
import { MaybesController } from './maybes.controller';
import { MaybesService } from './maybes.service';

/** maybes: a notes scratchpad with search, per project. */
@Module({
  controllers: [MaybesController],
  providers: [
    provideRoutedRepository(MaybeRepository, MAYBES_KIND, {
      firestore: (fs) => new FirestoreMaybeRepository(fs),
      memory: () => new InMemoryMaybeRepository(),
    }),
    MaybesService,
  ],
  exports: [MaybesService],
})
export class MaybesModule {}
