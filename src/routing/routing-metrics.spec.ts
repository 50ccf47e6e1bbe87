import { Registry } from 'prom-client';
import { BackendClients } from '../backends/backend-clients';
import { appConfig } from '../config/app.config';
import { backendsConfig } from '../config/backends.config';
import { loadAppConfig } from '../config/load-app-config';
import { registryConfig } from '../config/registry.config';
import { KindCatalog } from './kind-catalog';
import type { RouteInput } from './route.types';
import { RouteValidator } from './route-validator';
import { RoutingMetrics } from './routing-metrics';
import { RoutingRegistry } from './routing-registry';
import { MemoryRegistryStore } from './store/memory-registry.store';

const config = loadAppConfig({
  APP_ENV: 'test',
  REGISTRY_STORE: 'memory',
  AUTH_JWT_SECRET: 'x'.repeat(32),
});
const actor = { actor: 'test' };

function flags(tenant: string, backend: Partial<RouteInput> = {}): RouteInput {
  return {
    resource_kind: 'feature_flags',
    tenant_id: tenant,
    env: 'test',
    project_id: null,
    backend_type: 'firestore',
    config: { project_id: 'p-one' },
    ...backend,
  };
}

describe('routing_switches_total', () => {
  let store: MemoryRegistryStore;
  let routing: RoutingRegistry;
  let metrics: RoutingMetrics;
  const switches = async (): Promise<number> =>
    (await metrics.switches.get()).values.reduce((sum, v) => sum + v.value, 0);

  beforeEach(async () => {
    const catalog = new KindCatalog();
    catalog.register('feature_flags', ['firestore', 'memory'], 'test');
    store = new MemoryRegistryStore();
    const backends = config.of(backendsConfig);
    routing = new RoutingRegistry(
      store,
      new RouteValidator(catalog, backends),
      config.of(appConfig),
      config.of(registryConfig),
      backends,
    );
    metrics = new RoutingMetrics(
      new Registry(),
      routing,
      new BackendClients(
        {
          timeoutMs: 1000,
          firestoreEmulatorHost: null,
          defaultGcpProjectId: null,
          secret: () => undefined,
        },
        0,
      ),
    );
    await store.put(flags('t_system'), actor);
    await routing.start();
  });
  afterEach(() => routing.onModuleDestroy());

  it('counts an override added on another backend, and its deletion', async () => {
    await store.put(flags('t_acme', { backend_type: 'memory', config: {} }), actor);
    expect(await switches()).toBe(1);
    await store.delete(flags('t_acme'), actor);
    expect(await switches()).toBe(2);
  });

  it('counts a route rewritten to another config', async () => {
    await store.put(flags('t_system', { config: { project_id: 'p-two' } }), actor);
    expect(await switches()).toBe(1);
  });

  it('does not count an override identical to what the scope inherits, nor a first route', async () => {
    await store.put(flags('t_acme'), actor);
    await store.delete(flags('t_acme'), actor);
    await store.put({ ...flags('t_acme'), env: 'dev' }, actor);
    expect(await switches()).toBe(0);
  });
});
