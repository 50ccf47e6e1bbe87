import { Registry } from 'prom-client';
import { BackendClients } from '../../src/backends/backend-clients';
import { appConfig } from '../../src/config/app.config';
import { backendsConfig } from '../../src/config/backends.config';
import { loadAppConfig } from '../../src/config/load-app-config';
import { registryConfig } from '../../src/config/registry.config';
import { AdapterCache } from '../../src/routing/adapter-cache';
import { KindCatalog } from '../../src/routing/kind-catalog';
import type { RouteInput } from '../../src/routing/route.types';
import { RouteValidator } from '../../src/routing/route-validator';
import { RoutedRepositoryFactory } from '../../src/routing/routed-repository.factory';
import { RoutingMetrics } from '../../src/routing/routing-metrics';
import { RoutingRegistry } from '../../src/routing/routing-registry';
import { MemoryRegistryStore } from '../../src/routing/store/memory-registry.store';
import { testRequestContext } from './request-context';
import { route } from './routes';

/** The routing core wired by hand, as `RoutingModule` and `BackendsModule` wire it. */
export interface RoutingCore {
  /** The backends namespace the core was built with. */
  config: ReturnType<typeof backendsConfig>;
  store: MemoryRegistryStore;
  registry: RoutingRegistry;
  clients: BackendClients;
  cache: AdapterCache;
  factory: RoutedRepositoryFactory;
  request: ReturnType<typeof testRequestContext>;
  /** Writes a route (env `test`, tenant `t_system` unless given) and waits until it is applied. */
  put(partial: Partial<RouteInput> & Pick<RouteInput, 'resource_kind'>): Promise<void>;
  /** Deletes a route and waits until the deletion is applied. */
  remove(partial: Partial<RouteInput> & Pick<RouteInput, 'resource_kind'>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The control plane without Nest and without servers, for unit specs: registry on an
 * in-memory store, client pool, adapter cache and routed repository factory. `env` adds
 * configuration variables. Firestore clients point at a closed loopback port, so a client
 * built for a route never reaches a real service (specs use fake adapters that ignore it).
 */
export async function startRoutingCore(env: Record<string, string> = {}): Promise<RoutingCore> {
  const loaded = loadAppConfig({
    APP_ENV: 'test',
    REGISTRY_STORE: 'memory',
    AUTH_JWT_SECRET: 'x'.repeat(32),
    FIRESTORE_EMULATOR_HOST: '127.0.0.1:1',
    ...env,
  });
  const config = loaded.of(backendsConfig);
  const catalog = new KindCatalog();
  const store = new MemoryRegistryStore();
  const registry = new RoutingRegistry(
    store,
    new RouteValidator(catalog, config),
    loaded.of(appConfig),
    loaded.of(registryConfig),
    config,
  );
  const clients = new BackendClients(
    {
      timeoutMs: config.timeoutMs,
      firestoreEmulatorHost: config.firestoreEmulatorHost,
      defaultGcpProjectId: null,
      secret: () => undefined,
    },
    config.drainMs,
    { failureThreshold: config.circuitFailures, probeIntervalMs: config.probeIntervalMs },
  );
  const cache = new AdapterCache(clients, registry);
  const request = testRequestContext();
  const metrics = new RoutingMetrics(new Registry(), registry, clients);
  const factory = new RoutedRepositoryFactory(
    registry,
    cache,
    catalog,
    request.context,
    config,
    metrics,
    clients,
  );
  await registry.start();
  const applied = async (): Promise<void> => registry.waitForVersion((await store.load()).version);
  return {
    config,
    store,
    registry,
    clients,
    cache,
    factory,
    request,
    put: async (partial) => {
      await store.put(route(partial), { actor: 'test' });
      await applied();
    },
    remove: async (partial) => {
      await store.delete(route(partial), { actor: 'test' });
      await applied();
    },
    close: async () => {
      registry.onModuleDestroy();
      await clients.closeAll();
    },
  };
}
