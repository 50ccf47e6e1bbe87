import { Module } from '@nestjs/common';
import { provideRoutedRepository } from '../../routing/provide-routed-repository';
import { FirestoreRealtimeRegistrationRepository } from './adapters/firestore-realtime-registration.repository';
import { InMemoryRealtimeRegistrationRepository } from './adapters/in-memory-realtime-registration.repository';
import { RealtimeRegistrationRepository } from './realtime-registration.repository';
import { REALTIME_REGISTRY_KIND } from './realtime-registration.types';
import { RealtimeRegistryController } from './realtime-registry.controller';
import { RealtimeRegistryService } from './realtime-registry.service';
import { RealtimeOwnershipCache } from './realtime-ownership.cache';

/**
 * realtime_registry: the owner scope of every thread and canvas id. Exports
 * {@link RealtimeRegistryService} for kinds that must verify access to an id (chat_bus).
 */
@Module({
  controllers: [RealtimeRegistryController],
  providers: [
    provideRoutedRepository(RealtimeRegistrationRepository, REALTIME_REGISTRY_KIND, {
      firestore: (fs) => new FirestoreRealtimeRegistrationRepository(fs),
      memory: () => new InMemoryRealtimeRegistrationRepository(),
    }),
    RealtimeRegistryService,
    // One cache per app instance (module providers are singletons).
    { provide: RealtimeOwnershipCache, useFactory: () => new RealtimeOwnershipCache() },
  ],
  exports: [RealtimeRegistryService],
})
export class RealtimeRegistryModule {}
