import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreNexusRepository } from './adapters/firestore-nexus.repository';
import { InMemoryNexusRepository } from './adapters/in-memory-nexus.repository';
import { NexusController } from './nexus.controller';
import { NexusRepository } from './nexus.repository';
import { NexusService } from './nexus.service';
import { NEXUS_KIND } from './nexus.types';

/** nexus_backend: agent snippets found by kind and tags, and dataset events. */
@Module({
  controllers: [NexusController],
  providers: [
    provideRoutedRepository(NexusRepository, NEXUS_KIND, {
      firestore: (fs) => new FirestoreNexusRepository(fs),
      memory: () => new InMemoryNexusRepository(),
    }),
    NexusService,
  ],
  exports: [NexusService],
})
export class NexusModule {}
