import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createFirestoreClient } from '../../backends/firestore/firestore.driver';
import { backendsConfig } from '../../config/backends.config';
import { registryConfig } from '../../config/registry.config';
import { FirestoreIdempotencyStore } from './firestore-idempotency.store';
import { IdempotencyCoordinator } from './idempotency.coordinator';
import { IdempotencyStore } from './idempotency.store';
import { MemoryIdempotencyStore } from './memory-idempotency.store';

/** The keys live next to the registry: the same `REGISTRY_STORE` choice, the same database. */
function createIdempotencyStore(
  registry: ConfigType<typeof registryConfig>,
  backends: ConfigType<typeof backendsConfig>,
): IdempotencyStore {
  if (registry.store === 'memory') return new MemoryIdempotencyStore();
  return new FirestoreIdempotencyStore(
    createFirestoreClient(backends.gcpProjectId ?? '', '(default)', backends.firestoreEmulatorHost),
  );
}

/** Closes the store's client once the app has stopped serving. */
class IdempotencyStoreCloser implements OnApplicationShutdown {
  constructor(private readonly store: IdempotencyStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * `Idempotency-Key` on every feature POST: the key store and the coordinator the interceptor
 * uses (the interceptor is put on each controller with POST handlers, see
 * applyIdempotencyToWriteHandlers).
 */
@Global()
@Module({
  providers: [
    {
      provide: IdempotencyStore,
      useFactory: createIdempotencyStore,
      inject: [registryConfig.KEY, backendsConfig.KEY],
    },
    {
      provide: IdempotencyStoreCloser,
      useFactory: (s: IdempotencyStore) => new IdempotencyStoreCloser(s),
      inject: [IdempotencyStore],
    },
    IdempotencyCoordinator,
  ],
  // Global: IdempotencyInterceptor is an injectable of each controller with POST handlers
  // (applyIdempotencyToWriteHandlers), built in that controller's module.
  exports: [IdempotencyStore, IdempotencyCoordinator],
})
export class IdempotencyModule {}
