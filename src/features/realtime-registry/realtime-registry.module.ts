import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreRealtimeRegistryRepository } from './adapters/firestore-realtime-registry.repository';
import { InMemoryRealtimeRegistryRepository } from './adapters/in-memory-realtime-registry.repository';
import { RealtimeRegistryRepository } from './realtime-registry.repository';
import { REALTIME_REGISTRY_KIND } from './realtime-registry.types';
import { RealtimeRegistryController } from './realtime-registry.controller';
import { RealtimeRegistryService } from './realtime-registry.service';
import { RealtimeRegistryOwnershipCache } from './realtime-registry-ownership.cache';

/**
 * realtime_registry: the owner scope of every thread and canvas id. Exports
 * {@link RealtimeRegistryService} for kinds that must verify access to an id (chat_bus).
 */
@Module({
  controllers: [RealtimeRegistryController],
  providers: [
    provideRoutedRepository(
      RealtimeRegistryRepository,
      REALTIME_REGISTRY_KIND,
      {
        firestore: (fs) => new FirestoreRealtimeRegistryRepository(fs),
        memory: () => new InMemoryRealtimeRegistryRepository(),
      },
      { reads: ['get'] },
    ),
    RealtimeRegistryService,
    // One cache per app instance (module providers are singletons).
    {
      provide: RealtimeRegistryOwnershipCache,
      useFactory: () => new RealtimeRegistryOwnershipCache(),
    },
  ],
  exports: [RealtimeRegistryService],
})
export class RealtimeRegistryModule {}
