import { until } from '../../test/utils/until';
import { appConfig } from '../config/app.config';
import { backendsConfig } from '../config/backends.config';
import { loadAppConfig } from '../config/load-app-config';
import { registryConfig } from '../config/registry.config';
import { KindCatalog } from './kind-catalog';
import { RouteValidator } from './route-validator';
import { RoutingRegistry } from './routing-registry';
import { MemoryRegistryStore } from './store/memory-registry.store';

const HEARTBEAT_MS = 300;

/** A memory store whose pings hang while `down`, like a frozen Firestore. */
class FreezableStore extends MemoryRegistryStore {
  down = false;

  override ping(): Promise<void> {
    return this.down ? new Promise<void>(() => undefined) : super.ping();
  }
}

describe('RoutingRegistry staleness', () => {
  const config = loadAppConfig({
    APP_ENV: 'test',
    REGISTRY_STORE: 'memory',
    AUTH_JWT_SECRET: 'x'.repeat(32),
    ROUTING_HEARTBEAT_MS: String(HEARTBEAT_MS),
  });
  let store: FreezableStore;
  let registry: RoutingRegistry;

  beforeEach(async () => {
    store = new FreezableStore();
    const backends = config.of(backendsConfig);
    registry = new RoutingRegistry(
      store,
      new RouteValidator(new KindCatalog(), backends),
      config.of(appConfig),
      config.of(registryConfig),
      backends,
    );
    await registry.start();
  });
  afterEach(() => registry.onModuleDestroy());

  it('is 0 while the store answers', async () => {
    await new Promise((r) => setTimeout(r, HEARTBEAT_MS * 2));
    expect(registry.status()).toMatchObject({ stale: false, staleness_seconds: 0 });
  });

  it('counts from the last good contact, not from when staleness was noticed', async () => {
    // The last heartbeat that answered happened before the freeze: staleness is at least
    // the time the failing ping waited for its answer.
    store.down = true;
    const frozenAt = Date.now();
    await until(() => registry.status().stale, 10 * HEARTBEAT_MS);
    const status = registry.status();
    console.log(
      `noticed stale ${Date.now() - frozenAt} ms after the freeze; staleness_seconds=${status.staleness_seconds}`,
    );
    expect(status.staleness_seconds).toBeGreaterThanOrEqual(HEARTBEAT_MS / 1000);
    expect(Date.parse(status.stale_since as string)).toBeLessThanOrEqual(frozenAt);
  });
});
