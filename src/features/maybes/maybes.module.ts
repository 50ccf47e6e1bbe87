import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreMaybesRepository } from './adapters/firestore-maybes.repository';
import { InMemoryMaybesRepository } from './adapters/in-memory-maybes.repository';
import { MaybesRepository } from './maybes.repository';
import { MAYBES_KIND } from './maybes.types';
import { MaybesController } from './maybes.controller';
import { MaybesService } from './maybes.service';

/** maybes: a notes scratchpad with search, per project. */
@Module({
  controllers: [MaybesController],
  providers: [
    provideRoutedRepository(
      MaybesRepository,
      MAYBES_KIND,
      {
        firestore: (fs) => new FirestoreMaybesRepository(fs),
        memory: () => new InMemoryMaybesRepository(),
      },
      { reads: ['get', 'search'] },
    ),
    MaybesService,
  ],
  exports: [MaybesService],
})
export class MaybesModule {}
