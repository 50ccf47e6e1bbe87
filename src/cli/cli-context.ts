import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { MemoryRegistryStore } from '../routing/store/memory-registry.store';

/** Used only to satisfy configuration: the CLI never verifies tokens. */
const CLI_PLACEHOLDER_SECRET = 'registry-cli-does-not-verify-tokens-0000';

/**
 * The app's module graph without HTTP and without booting the registry: mounted kinds,
 * the one validator and the admin service, exactly as the server has them.
 *
 * `offline` uses an empty in-memory store (validate); otherwise the store the environment
 * configures (`REGISTRY_STORE`, `GCP_PROJECT_ID`, `FIRESTORE_EMULATOR_HOST`).
 */
export async function createCliContext(
  environment: Record<string, string | undefined>,
  offline: boolean,
): Promise<INestApplicationContext> {
  const env = {
    APP_ENV: 'test',
    ...environment,
    AUTH_JWT_SECRET: environment.AUTH_JWT_SECRET ?? CLI_PLACEHOLDER_SECRET,
    LOG_LEVEL: environment.LOG_LEVEL ?? 'silent',
    ...(offline ? { APP_ENV: 'test', REGISTRY_STORE: 'memory' } : {}),
  };
  return NestFactory.createApplicationContext(
    AppModule.forRoot({
      environment: env,
      bootValidation: false,
      ...(offline ? { store: () => new MemoryRegistryStore() } : {}),
    }),
    { logger: false, abortOnError: false },
  );
}
