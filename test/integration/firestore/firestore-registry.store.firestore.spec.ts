import {
  FirestoreRegistryStore,
  routeDocId,
} from '../../../src/routing/store/firestore-registry.store';
import { RouteVersionConflictError } from '../../../src/routing/routing.errors';
import type { RegistryFeedEvent } from '../../../src/routing/store/registry-store';
import { registryMovesContract } from '../../contract/registry-moves.contract';
import { route } from '../../utils/routes';
import { newFirestoreClient, uniqueProjectId } from '../../utils/test-servers';

describe('FirestoreRegistryStore (Firestore emulator)', () => {
  let store: FirestoreRegistryStore;
  beforeEach(() => {
    store = new FirestoreRegistryStore(
      newFirestoreClient({ projectId: uniqueProjectId('registry') }),
    );
  });
  afterEach(() => store.close());

  it('keeps one document per route key with a deterministic, escaped id', () => {
    expect(
      routeDocId({ resource_kind: 'kpi', tenant_id: 't_acme', env: 'prod', project_id: null }),
    ).toBe('kpi~t_acme~prod~*');
    expect(
      routeDocId({ resource_kind: 'kpi', tenant_id: 't_a~b', env: 'prod', project_id: 'p_x/y' }),
    ).toBe('kpi~t_a%7Eb~prod~p_x%2Fy');
  });

  it('versions each route and the registry, and refuses a stale If-Match', async () => {
    const r = route({ resource_kind: 'kpi', backend_type: 'firestore' });
    expect((await store.put(r, { actor: 'a' })).version).toBe(1);
    expect((await store.put(r, { actor: 'a', expectedVersion: 1 })).version).toBe(2);
    await expect(store.put(r, { actor: 'a', expectedVersion: 1 })).rejects.toBeInstanceOf(
      RouteVersionConflictError,
    );
    expect((await store.load()).version).toBe(2);
    expect(await store.version()).toBe(2);
  });

  it('keeps versions monotonic across a delete (a tombstone), so an old If-Match never matches', async () => {
    const r = route({ resource_kind: 'kpi', backend_type: 'firestore' });
    await store.put(r, { actor: 'a' });
    await store.delete(r, { actor: 'a', expectedVersion: 1 });
    expect((await store.load()).routes).toEqual([]);
    await expect(store.put(r, { actor: 'a', expectedVersion: 1 })).rejects.toBeInstanceOf(
      RouteVersionConflictError,
    );
    expect((await store.put(r, { actor: 'a' })).version).toBe(2);
  });

  it('appends one revision per write with who, why and before/after, newest first', async () => {
    const r = route({
      resource_kind: 'kpi',
      backend_type: 'firestore',
      config: { collection_prefix: 'a' },
    });
    await store.put(r, { actor: 'u1', reason: 'create' });
    await store.put({ ...r, config: { collection_prefix: 'b' } }, { actor: 'u2', reason: 'move' });
    await store.delete(r, { actor: 'u3', reason: 'retire' });
    const page = await store.history({ key: r, limit: 10 });
    expect(page.items.map((i) => [i.registry_version, i.action, i.actor, i.reason])).toEqual([
      [3, 'delete', 'u3', 'retire'],
      [2, 'put', 'u2', 'move'],
      [1, 'put', 'u1', 'create'],
    ]);
    expect(page.items[1]?.before?.config).toEqual({ collection_prefix: 'a' });
    expect(page.items[1]?.after?.config).toEqual({ collection_prefix: 'b' });
    expect((await store.revision(2))?.after?.version).toBe(2);
  });

  it('replaces a route config wholly (a removed key is gone)', async () => {
    const r = route({
      resource_kind: 'chat_bus',
      backend_type: 'redis',
      config: { host: 'h', port: 1, key_prefix: 'x' },
    });
    await store.put(r, { actor: 'a' });
    await store.put({ ...r, config: { host: 'h2' } }, { actor: 'a' });
    expect((await store.load()).routes[0]?.config).toEqual({ host: 'h2' });
  });

  it('lets concurrent writers each land exactly once (the revision claim serialises them)', async () => {
    const writes = Array.from({ length: 8 }, (_, i) =>
      store.put(route({ resource_kind: 'kpi', tenant_id: `t_c${i}`, backend_type: 'firestore' }), {
        actor: 'a',
      }),
    );
    await Promise.all(writes);
    const state = await store.load();
    expect(state.routes).toHaveLength(8);
    expect(state.version).toBe(8);
    expect((await store.history({ limit: 20 })).items.map((i) => i.registry_version)).toEqual([
      8, 7, 6, 5, 4, 3, 2, 1,
    ]);
  });

  it('pushes every change to a watcher', async () => {
    const seen: number[] = [];
    const stop = store.watch(
      (s) => seen.push(s.version),
      () => undefined,
    );
    await store.put(route({ resource_kind: 'kpi', backend_type: 'firestore' }), { actor: 'a' });
    const deadline = Date.now() + 2000;
    while (!seen.includes(1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    stop();
    expect(seen).toContain(1);
  });
});

describe('FirestoreRegistryStore: batches and the change feed (Firestore emulator)', () => {
  let store: FirestoreRegistryStore;
  beforeEach(() => {
    store = new FirestoreRegistryStore(
      newFirestoreClient({ projectId: uniqueProjectId('registry-feed') }),
    );
  });
  afterEach(() => store.close());

  const events: RegistryFeedEvent[] = [];
  const until = async (ok: () => boolean): Promise<void> => {
    const deadline = Date.now() + 3000;
    while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(ok()).toBe(true);
  };

  it('writes a batch in one transaction with one version and revision per route, skipping unchanged ones', async () => {
    const a = route({ resource_kind: 'kpi', tenant_id: 't_a', backend_type: 'firestore' });
    const b = route({ resource_kind: 'kpi', tenant_id: 't_b', backend_type: 'firestore' });
    expect((await store.putMany([a, b], { actor: 'seed' })).map((r) => r.version)).toEqual([1, 1]);
    const again = await store.putMany([a, { ...b, rationale: 'changed' }], {
      actor: 'seed',
      onlyChanged: true,
    });
    expect(again.map((r) => [r.tenant_id, r.version])).toEqual([['t_b', 2]]);
    expect(await store.version()).toBe(3);
    const history = (await store.history({ limit: 10 })).items;
    expect(history.map((r) => [r.registry_version, r.tenant_id, r.action])).toEqual([
      [3, 't_b', 'put'],
      [2, 't_b', 'put'],
      [1, 't_a', 'put'],
    ]);
    expect(history[0]?.before?.rationale).toBe(b.rationale ?? '');
  });

  it('feeds every live route first, then only what changed (a delete as route null)', async () => {
    events.length = 0;
    const a = route({ resource_kind: 'kpi', tenant_id: 't_a', backend_type: 'firestore' });
    const b = route({ resource_kind: 'kpi', tenant_id: 't_b', backend_type: 'firestore' });
    await store.putMany([a, b], { actor: 'seed' });
    await store.delete(b, { actor: 'a' });
    const stop = store.watch(
      (e) => events.push(e),
      () => undefined,
    );
    try {
      await until(() => events.length > 0);
      expect(events[0]).toMatchObject({ version: 3, full: true });
      expect(events[0]?.updates.map((u) => u.route?.tenant_id)).toEqual(['t_a']);
      const c = route({ resource_kind: 'kpi', tenant_id: 't_c', backend_type: 'firestore' });
      await store.put(c, { actor: 'a' });
      await until(() => events.some((e) => e.version === 4));
      const put = events.find((e) => e.version === 4);
      expect(put?.full).toBe(false);
      expect(put?.updates.map((u) => [u.key.tenant_id, u.route?.version])).toEqual([['t_c', 1]]);
      await store.delete(a, { actor: 'a' });
      await until(() => events.some((e) => e.version === 5));
      expect(events.find((e) => e.version === 5)?.updates).toEqual([
        { key: expect.objectContaining({ tenant_id: 't_a' }), route: null },
      ]);
    } finally {
      stop();
    }
  });
});

describe('FirestoreRegistryStore: moves (Firestore emulator)', () => {
  registryMovesContract(() =>
    Promise.resolve(
      new FirestoreRegistryStore(newFirestoreClient({ projectId: uniqueProjectId('moves') })),
    ),
  );
});
