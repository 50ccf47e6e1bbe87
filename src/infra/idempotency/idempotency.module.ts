import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { createFirestoreClient } from '../../backends/firestore/firestore.driver';
import { AppConfig } from '../../config/app-config';
import { FirestoreIdempotencyStore } from './firestore-idempotency.store';
import { IdempotencyCoordinator } from './idempotency.coordinator';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';
import { MemoryIdempotencyStore } from './memory-idempotency.store';

/** The keys live next to the registry: the same `REGISTRY_STORE` choice, the same database. */
function createIdempotencyStore(config: AppConfig): IdempotencyStore {
  if (config.registryStore === 'memory') return new MemoryIdempotencyStore();
  return new FirestoreIdempotencyStore(
    createFirestoreClient(config.gcpProjectId ?? '', '(default)', config.firestoreEmulatorHost),
  );
}

/** Closes the store's client once the app has stopped serving. */
class IdempotencyStoreCloser implements OnApplicationShutdown {
  constructor(private readonly store: IdempotencyStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** `Idempotency-Key` on every feature POST: one global interceptor and its key store. */
@Module({
  providers: [
    { provide: IdempotencyStore, useFactory: createIdempotencyStore, inject: [AppConfig] },
    {
      provide: IdempotencyStoreCloser,
      useFactory: (s: IdempotencyStore) => new IdempotencyStoreCloser(s),
      inject: [IdempotencyStore],
    },
    IdempotencyCoordinator,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [IdempotencyStore],
})
export class IdempotencyModule {}
