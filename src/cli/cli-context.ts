import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { buildWithEnvironment } from '../config/load-app-config';
import { MemoryRegistryStore } from '../routing/store/memory-registry.store';

/**
 * The app's module graph without HTTP and without booting the registry: mounted kinds,
 * the one validator and the admin service, exactly as the server has them.
 *
 * `offline` uses an empty in-memory store (validate); otherwise the store `environment`
 * configures (`REGISTRY_STORE`, `GCP_PROJECT_ID`, `FIRESTORE_EMULATOR_HOST`). The
 * environment comes from `cliEnvironment`, which has checked it.
 */
export async function createCliContext(
  environment: Record<string, string | undefined>,
  offline: boolean,
): Promise<INestApplicationContext> {
  return buildWithEnvironment(environment, () =>
    NestFactory.createApplicationContext(
      AppModule.forRoot({
        bootValidation: false,
        ...(offline ? { store: () => new MemoryRegistryStore() } : {}),
      }),
      { logger: false, abortOnError: false },
    ),
  );
}
