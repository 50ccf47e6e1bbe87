import { moveRecord } from '../../test/contract/registry-moves.contract';
import { Scope } from '../common/scope/scope';
import { appConfig } from '../config/app.config';
import { backendsConfig } from '../config/backends.config';
import { loadAppConfig } from '../config/load-app-config';
import { registryConfig } from '../config/registry.config';
import { KindCatalog } from './kind-catalog';
import type { AppliedChange, RegistrySnapshot } from './registry-snapshot';
import type { RouteInput } from './route.types';
import { RouteValidator } from './route-validator';
import { RoutingRegistry } from './routing-registry';
import { MemoryRegistryStore } from './store/memory-registry.store';

const config = loadAppConfig({
  APP_ENV: 'test',
  REGISTRY_STORE: 'memory',
  AUTH_JWT_SECRET: 'x'.repeat(32),
});
const actor = { actor: 'test' };

function flags(tenant: string, project: string | null, over: Partial<RouteInput> = {}): RouteInput {
  return {
    resource_kind: 'feature_flags',
    tenant_id: tenant,
    env: 'test',
    project_id: project,
    backend_type: 'firestore',
    config: { project_id: 'p-one' },
    ...over,
  };
}

/** feature_flags has firestore and memory adapters: a redis route is refused by the policy. */
const refused = (tenant: string, project: string | null): RouteInput =>
  flags(tenant, project, { backend_type: 'redis', config: { host: '127.0.0.1' } });

describe('RoutingRegistry: incremental apply', () => {
  let store: MemoryRegistryStore;
  let registry: RoutingRegistry;
  let applied: {
    snapshot: RegistrySnapshot;
    previous: RegistrySnapshot;
    changes: readonly AppliedChange[] | null;
  }[];
  const at = (tenant: string, project: string | null = null): Scope =>
    Scope.of(tenant, 'test', project);

  beforeEach(async () => {
    const catalog = new KindCatalog();
    catalog.register('feature_flags', ['firestore', 'memory'], 'test');
    store = new MemoryRegistryStore();
    const backends = config.of(backendsConfig);
    registry = new RoutingRegistry(
      store,
      new RouteValidator(catalog, backends),
      config.of(appConfig),
      config.of(registryConfig),
      backends,
    );
    await store.put(flags('t_system', null, { backend_type: 'memory', config: {} }), actor);
    await store.put(flags('t_acme', null), actor);
    applied = [];
    registry.onApplied((snapshot, previous, changes) =>
      applied.push({ snapshot, previous, changes }),
    );
    await registry.start();
  });
  afterEach(() => registry.onModuleDestroy());

  it('starts from the whole registry (no change set)', () => {
    expect(applied).toHaveLength(1);
    expect(applied[0]?.changes).toBeNull();
    expect(registry.snapshot.version).toBe(2);
    expect(registry.snapshot.size).toBe(2);
  });

  it('applies a put as one change; the previous snapshot still answers as before', async () => {
    const before = registry.snapshot;
    const written = await store.put(
      flags('t_acme', 'p_web', { config: { project_id: 'p-two' } }),
      actor,
    );
    const last = applied.at(-1);
    expect(last?.changes).toEqual([{ key: written, before: undefined, after: written }]);
    expect(last?.previous).toBe(before);
    expect(registry.snapshot.version).toBe(3);
    expect(registry.snapshot.size).toBe(3);
    expect(registry.snapshot.resolve('feature_flags', at('t_acme', 'p_web')).route).toBe(written);
    expect(before.resolve('feature_flags', at('t_acme', 'p_web')).matched_scope).toBe(
      't_acme/test/*',
    );
  });

  it('applies a delete as one change: the scope falls back to its parent', async () => {
    const tenantWide = registry.snapshot.route(flags('t_acme', null));
    await store.delete(flags('t_acme', null), actor);
    expect(applied.at(-1)?.changes).toEqual([
      {
        key: expect.objectContaining({ tenant_id: 't_acme' }),
        before: tenantWide,
        after: undefined,
      },
    ]);
    expect(registry.snapshot.resolve('feature_flags', at('t_acme', 'p_web')).matched_scope).toBe(
      't_system/test/*',
    );
    expect(registry.snapshot.size).toBe(1);
  });

  it('keeps the last known good route when a change is refused, and reports it until fixed', async () => {
    const good = registry.snapshot.route(flags('t_acme', null));
    await store.put(refused('t_acme', null), actor);
    expect(applied.at(-1)?.changes).toEqual([]);
    expect(registry.snapshot.version).toBe(3);
    expect(registry.snapshot.route(flags('t_acme', null))).toBe(good);
    expect(registry.status().rejected).toEqual([
      { registry_version: 3, problems: [expect.objectContaining({ scope: 't_acme/test/*' })] },
    ]);
    expect(registry.refusedProblems()).toHaveLength(1);
    // The stored route is the refused one; the route in force is the last known good.
    expect(registry.storedRoutes.find('feature_flags', 't_acme', 'test', null)?.backend_type).toBe(
      'redis',
    );

    // Another key's change re-reports the refused route at the new version.
    await store.put(flags('t_beta', null), actor);
    expect(registry.status().rejected).toEqual([expect.objectContaining({ registry_version: 4 })]);

    // A refused route where none was in force leaves the scope to its parent.
    await store.put(refused('t_acme', 'p_web'), actor);
    expect(registry.snapshot.resolve('feature_flags', at('t_acme', 'p_web')).route).toBe(good);
    expect(registry.status().rejected).toHaveLength(2);

    const fixed = await store.put(
      flags('t_acme', null, { config: { project_id: 'p-three' } }),
      actor,
    );
    expect(applied.at(-1)?.changes).toEqual([{ key: fixed, before: good, after: fixed }]);
    expect(registry.snapshot.route(fixed)).toBe(fixed);
    expect(registry.status().rejected).toHaveLength(1);
    await store.delete(flags('t_acme', 'p_web'), actor);
    expect(registry.status().rejected).toEqual([]);
  });

  it('applies a freeze without touching a route, and lifts it', async () => {
    const routes = registry.snapshot.routes();
    const move = moveRecord({
      frozen: true,
      tenant_id: 't_acme',
      env: 'test',
      resource_kind: 'feature_flags',
    });
    await store.createMove(move);
    expect(applied.at(-1)?.changes).toEqual([]);
    expect(registry.snapshot.frozenFor('feature_flags', at('t_acme', 'p_web'))?.move_id).toBe(
      move.id,
    );
    expect(registry.snapshot.routes()).toEqual(routes);
    await store.updateMove({ ...move, frozen: false, state: 'done' });
    expect(registry.snapshot.frozenFor('feature_flags', at('t_acme', 'p_web'))).toBeNull();
  });

  it('applies a seeding batch (putMany) as one event, each route with its own version', async () => {
    const before = registry.snapshot.version;
    const written = await store.putMany(
      [flags('t_one', null), flags('t_two', null), flags('t_acme', null)],
      { ...actor, onlyChanged: true },
    );
    // t_acme already says the same: not written.
    expect(written.map((r) => r.tenant_id)).toEqual(['t_one', 't_two']);
    expect(registry.snapshot.version).toBe(before + 2);
    expect(applied.at(-1)?.changes?.map((c) => c.key.tenant_id)).toEqual(['t_one', 't_two']);
    expect((await store.history({ limit: 2 })).items.map((r) => r.registry_version)).toEqual([
      before + 2,
      before + 1,
    ]);
  });
});
