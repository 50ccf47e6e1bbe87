import { startRoutingCore, type RoutingCore } from '../../test/utils/routing-core';
import { noScopeData } from '../../test/utils/no-scope-data';
import { until } from '../../test/utils/until';
import { Scope } from '../common/scope/scope';
import type { AdapterBuilders } from './adapter-builders';

/** The smallest port: the adapter says where it was built. */
abstract class LabelPort {
  abstract label(scope: Scope): string;
}

const built: string[] = [];

const BUILDERS: AdapterBuilders<LabelPort> = {
  memory: () => ({ label: () => 'memory', ...noScopeData() }),
  firestore: (_db, config) => {
    built.push(String(config.collection_prefix));
    return { label: () => `firestore/${String(config.collection_prefix)}`, ...noScopeData() };
  },
};

function firestore(prefix: string, project = 'p-one') {
  return { project_id: project, collection_prefix: prefix };
}

function labelOf(adapter: Record<string, unknown>): string {
  return (adapter as unknown as LabelPort).label(Scope.of('t_acme', 'test'));
}

describe('AdapterCache', () => {
  const DRAIN_MS = 150;
  let core: RoutingCore;
  const snapshotRoute = (tenant = 't_system') => {
    const route = core.registry.snapshot.get(`labels|${tenant}|test|*`);
    if (route === undefined) throw new Error(`no labels route for ${tenant}`);
    return route;
  };

  beforeEach(async () => {
    built.length = 0;
    core = await startRoutingCore({
      ROUTING_DRAIN_MS: String(DRAIN_MS),
      BACKEND_CIRCUIT_FAILURES: '1',
      BACKEND_PROBE_INTERVAL_MS: '20',
    });
    core.factory.create(LabelPort, 'labels', BUILDERS);
    await core.put({ resource_kind: 'labels', backend_type: 'firestore', config: firestore('a') });
  });
  afterEach(() => core.close());

  /** Overrides t_acme on Firestore with `prefix`; the leases of t_system and t_acme. */
  async function systemAndAcme(prefix: string) {
    const config = firestore(prefix);
    await core.put({
      resource_kind: 'labels',
      tenant_id: 't_acme',
      backend_type: 'firestore',
      config,
    });
    const system = core.cache.get('labels', snapshotRoute(), BUILDERS);
    return { system, acme: core.cache.get('labels', snapshotRoute('t_acme'), BUILDERS) };
  }

  it('shares one adapter between routes with the same kind, backend and config', async () => {
    const { system, acme } = await systemAndAcme('a');
    expect(acme).toBe(system);
    expect(built).toEqual(['a']);
    expect(core.clients.openCount).toBe(1);
  });

  it('builds another adapter for another config, on the same client when the connection is the same', async () => {
    const { system, acme } = await systemAndAcme('b');
    expect(acme).not.toBe(system);
    expect(acme.connection).toBe(system.connection);
    expect(core.cache.inUse()).toHaveLength(2);
  });

  it('drops an adapter when a route change leaves it unused, and closes its client after the drain', async () => {
    const old = core.cache.get('labels', snapshotRoute(), BUILDERS);
    await core.put({
      resource_kind: 'labels',
      backend_type: 'firestore',
      config: firestore('b', 'p-two'),
    });
    expect(core.cache.inUse()).toEqual([]);
    const fresh = core.cache.get('labels', snapshotRoute(), BUILDERS);
    expect(labelOf(fresh.adapter)).toBe('firestore/b');
    expect(core.clients.openCount).toBe(2);
    // A request pinned to the old adapter keeps using it (and its client) during the drain.
    expect(labelOf(old.adapter)).toBe('firestore/a');
    expect(core.clients.openCount).toBe(2);
    await until(() => core.clients.openCount === 1);
    expect(core.cache.inUse()).toEqual([fresh]);
  });

  it('keeps an adapter that the new snapshot still references', async () => {
    const lease = core.cache.get('labels', snapshotRoute(), BUILDERS);
    await core.put({ resource_kind: 'labels', tenant_id: 't_acme', backend_type: 'memory' });
    expect(core.cache.inUse()).toEqual([lease]);
    expect(core.cache.get('labels', snapshotRoute(), BUILDERS)).toBe(lease);
  });

  it('rebuilds adapters on the fresh client that replaces one after an outage', async () => {
    await core.put({ resource_kind: 'labels', tenant_id: 't_acme', backend_type: 'memory' });
    const old = core.cache.get('labels', snapshotRoute('t_acme'), BUILDERS);
    old.breaker?.recordOutage();
    expect(old.breaker?.state).toBe('open');
    // The probe pings a new client; when it answers, that client becomes the pooled one.
    await until(() => old.breaker?.state === 'closed');
    const fresh = core.cache.get('labels', snapshotRoute('t_acme'), BUILDERS);
    expect(fresh.connection).not.toBe(old.connection);
    expect(fresh.adapter).not.toBe(old.adapter);
    expect(fresh.key).toBe(old.key);
  });

  it('refuses a route whose backend the kind has no builder for, and gives the client back', async () => {
    const route = { ...snapshotRoute(), backend_type: 'memory' as const, config: {} };
    const firestoreOnly = { firestore: BUILDERS.firestore };
    expect(() => core.cache.get('labels', route, firestoreOnly)).toThrow(
      /labels has no memory adapter/,
    );
    expect(core.cache.inUse()).toEqual([]);
    await until(() => core.clients.openCount === 0);
  });
});
