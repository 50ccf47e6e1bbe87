import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreNexusBackendRepository } from './adapters/firestore-nexus-backend.repository';
import { InMemoryNexusBackendRepository } from './adapters/in-memory-nexus-backend.repository';
import { NexusBackendController } from './nexus-backend.controller';
import { NexusBackendRepository } from './nexus-backend.repository';
import { NexusBackendService } from './nexus-backend.service';
import { NEXUS_BACKEND_KIND } from './nexus-backend.types';

/** nexus_backend: agent snippets found by kind and tags, and dataset events. */
@Module({
  controllers: [NexusBackendController],
  providers: [
    provideRoutedRepository(
      NexusBackendRepository,
      NEXUS_BACKEND_KIND,
      {
        firestore: (fs) => new FirestoreNexusBackendRepository(fs),
        memory: () => new InMemoryNexusBackendRepository(),
      },
      { reads: ['getSnippet', 'listSnippets', 'listEvents'] },
    ),
    NexusBackendService,
  ],
  exports: [NexusBackendService],
})
export class NexusBackendModule {}
