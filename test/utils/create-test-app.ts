import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Server } from 'node:http';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/create-app';
import type { Env } from '../../src/common/scope/scope';
import type { MountedKind } from '../../src/routing/kind-catalog';
import type { RouteInput } from '../../src/routing/route.types';
import type { BackendType } from '../../src/backends/backend-type';
import { RegistryStore } from '../../src/routing/store/registry-store';
import { RoutingRegistry } from '../../src/routing/routing-registry';
import type { Route, RouteKey } from '../../src/routing/route.types';
import { OpenApiResponseChecker } from './openapi-response-checker';
import { recordResponses } from './response-recorder';
import { systemRoutesFor } from './routes';
import { emulatorAllowance, testFirestoreHost, uniqueProjectId } from './test-servers';
import { TEST_JWT_SECRET } from './tokens';

/** How to boot the real AppModule for a test. Every field is optional. */
export interface TestAppOptions {
  /** `APP_ENV` (default `test`). */
  env?: Env;
  /** Registry store (default `memory`). */
  registry?: 'memory' | 'firestore';
  /**
   * Seeded registry: a `t_system` route for every mounted kind on this backend (falling back
   * to the kind's durable backend), default `memory`. `false` boots an unseeded registry.
   */
  seed?: BackendType | false;
  /** Extra routes to seed (after `seed`). */
  routes?: RouteInput[] | ((kinds: MountedKind[]) => RouteInput[]);
  /** Firestore project of the registry and of Firestore routes (default: a fresh one). */
  firestoreProjectId?: string;
  /** A registry store to reuse (for example to restart an app on the same memory registry). */
  store?: RegistryStore;
  /** More environment variables (override the defaults). */
  environment?: Record<string, string>;
  /**
   * Check every response against the app's own OpenAPI document (declared status, content
   * type and body schema); `close()` fails the suite listing each mismatch. Default true.
   */
  checkResponses?: boolean;
}

/** A booted app plus what tests need to talk to it. */
export interface TestApp {
  app: INestApplication;
  /** supertest agent bound to the app's HTTP server. */
  http: TestAgent;
  /** `http://127.0.0.1:<port>` the app listens on (for clients other than supertest). */
  url: string;
  /** Firestore project id the registry and Firestore routes use. */
  firestoreProjectId: string;
  store: RegistryStore;
  /** Writes a route to the registry store and waits until this app has applied it. */
  putRoute(input: RouteInput): Promise<Route>;
  /** Deletes a route and waits until this app has applied the deletion. */
  deleteRoute(key: RouteKey): Promise<void>;
  close(): Promise<void>;
}

/**
 * Resolves once the app's applied registry version reaches `version` (10 s at most: the test
 * emulator is shared by every suite of a run, and a suite writing thousands of documents next
 * to this one can delay its change feed by seconds; propagation speed itself is measured in
 * multi-instance.e2e-spec.ts, not here).
 */
export async function waitForRegistryVersion(
  app: INestApplication,
  version: number,
  ms = 10_000,
): Promise<void> {
  const registry = app.get(RoutingRegistry);
  const until = Date.now() + ms;
  while (registry.snapshot.version < version) {
    if (Date.now() > until)
      throw new Error(
        `registry version ${version} not applied within ${ms} ms (at ${registry.snapshot.version})`,
      );
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The environment a test app runs with. Staging/prod get `ALLOW_FIRESTORE_EMULATOR=true`
 * (they run on the test emulator); pass `ALLOW_FIRESTORE_EMULATOR: 'false'` in `extra` to
 * see the refusal.
 */
export function testEnvironment(
  env: Env,
  registry: 'memory' | 'firestore',
  projectId: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    APP_ENV: env,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    REGISTRY_STORE: registry,
    GCP_PROJECT_ID: projectId,
    FIRESTORE_EMULATOR_HOST: testFirestoreHost(),
    METADATA_SERVER_DETECTION: 'none',
    LOG_LEVEL: 'silent',
    BACKEND_TIMEOUT_MS: '3000',
    ROUTING_DRAIN_MS: '200',
    TEST_S3_ACCESS_KEY_ID: 'S3RVER',
    TEST_S3_SECRET_ACCESS_KEY: 'S3RVER',
    ...emulatorAllowance(env),
    ...extra,
  };
}

/**
 * Boots the real AppModule (boot validation included) and returns it ready for HTTP calls.
 *
 * ```ts
 * const t = await createTestApp();                              // every kind on memory
 * const t = await createTestApp({ registry: 'firestore', seed: 'firestore' });
 * await expect(createTestApp({ env: 'prod', registry: 'firestore', seed: false })).rejects.toThrow(/not ready/);
 * ```
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const env = options.env ?? 'test';
  const registry = options.registry ?? 'memory';
  const projectId = options.firestoreProjectId ?? uniqueProjectId('app');
  const seed = options.seed ?? 'memory';
  const seedRoutes = (kinds: MountedKind[]): RouteInput[] => [
    ...(seed === false ? [] : systemRoutesFor(kinds, env, seed, { project_id: projectId })),
    ...(typeof options.routes === 'function' ? options.routes(kinds) : (options.routes ?? [])),
  ];
  const app = await createApp({
    environment: testEnvironment(env, registry, projectId, options.environment),
    store: options.store ? () => options.store as RegistryStore : undefined,
    seedRoutes,
  });
  // Listen once on a free loopback port: supertest would otherwise open a listener per request.
  await app.listen(0, '127.0.0.1');
  const problems =
    options.checkResponses === false ? [] : await watchResponses(app.getHttpServer() as Server);
  const store = app.get(RegistryStore);
  const applied = async (): Promise<void> =>
    waitForRegistryVersion(app, (await store.load()).version);
  return {
    app,
    http: request(app.getHttpServer()),
    url: await app.getUrl(),
    firestoreProjectId: projectId,
    store,
    putRoute: async (input) => {
      const written = await store.put(input, { actor: 'test' });
      await applied();
      return written;
    },
    deleteRoute: async (key) => {
      await store.delete(key, { actor: 'test' });
      await applied();
    },
    close: async () => {
      await app.close();
      if (problems.length > 0)
        throw new Error(
          `Responses that do not match the OpenAPI document:\n${[...new Set(problems)].join('\n')}`,
        );
    },
  };
}

/** Starts checking the server's responses against the document it serves at /docs-json. */
async function watchResponses(server: Server): Promise<string[]> {
  const res = await request(server).get('/docs-json').expect(200);
  return recordResponses(server, new OpenApiResponseChecker(res.body as OpenAPIObject));
}
