import { MoveChangedError, MoveLeaseLostError } from '../../src/routing/moves/moves.errors';
import type { MoveRecord } from '../../src/routing/moves/move.types';
import type { RegistryFeedEvent, RegistryStore } from '../../src/routing/store/registry-store';
import { route } from '../utils/routes';

let n = 0;

/** A stored move with defaults, frozen or not. */
export function moveRecord(over: Partial<MoveRecord> = {}): MoveRecord {
  n += 1;
  return {
    id: `mv_${Date.now().toString().padStart(16, '0')}${String(n).padStart(10, '0')}`,
    resource_kind: 'feature_flags',
    tenant_id: `t_mv${n}`,
    env: 'test',
    project_id: null,
    target: { backend_type: 'memory', config: {} },
    source: { backend_type: 'memory', config: { x: 1 }, route_scope: 't_system/test/*' },
    reason: 'test',
    actor: 'u_ops',
    state: 'planned',
    scopes: [],
    records_copied: 0,
    bytes_copied: 0,
    created_at: new Date().toISOString(),
    started_at: null,
    frozen_at: null,
    switched_at: null,
    finished_at: null,
    error: null,
    abort_requested: false,
    frozen: false,
    lease_owner: 'i_1',
    lease_expires_at: new Date(Date.now() + 60_000).toISOString(),
    registry_version: null,
    source_deleted_at: null,
    revision: 1,
    ...over,
  };
}

/** What every registry store must do with moves: storage, compare-and-set, freezes in the feed, the switch's lease. */
export function registryMovesContract(make: () => Promise<RegistryStore>): void {
  let store: RegistryStore;
  beforeEach(async () => {
    store = await make();
  });
  afterEach(() => store.close());

  it('stores moves, lists them newest first and pages with before', async () => {
    const a = moveRecord();
    const b = moveRecord();
    await store.createMove(a);
    await store.createMove(b);
    expect(await store.getMove(a.id)).toEqual(a);
    expect(await store.getMove('mv_missing')).toBeNull();
    expect((await store.listMoves({ limit: 10 })).map((m) => m.id)).toEqual([b.id, a.id]);
    expect((await store.listMoves({ before: b.id, limit: 10 })).map((m) => m.id)).toEqual([a.id]);
  });

  it('replaces a move only at the revision it was read at', async () => {
    const move = moveRecord();
    await store.createMove(move);
    const next = await store.updateMove({ ...move, state: 'frozen' });
    expect(next).toMatchObject({ state: 'frozen', revision: 2 });
    await expect(store.updateMove({ ...move, state: 'copying' })).rejects.toBeInstanceOf(
      MoveChangedError,
    );
    expect((await store.getMove(move.id))?.state).toBe('frozen');
  });

  it('carries the freezes of frozen moves in the change feed', async () => {
    const states: RegistryFeedEvent[] = [];
    const stop = store.watch(
      (s) => states.push(s),
      () => undefined,
    );
    try {
      const move = moveRecord({ frozen: true });
      await store.createMove(move);
      await waitFor(() => states.at(-1)?.freezes.some((f) => f.move_id === move.id) === true);
      expect(states.at(-1)?.freezes.find((f) => f.move_id === move.id)).toMatchObject({
        resource_kind: 'feature_flags',
        tenant_id: move.tenant_id,
        project_id: null,
        lease_expires_at: move.lease_expires_at,
      });
      await store.updateMove({ ...move, frozen: false, state: 'done' });
      await waitFor(() => states.at(-1)?.freezes.some((f) => f.move_id === move.id) === false);
    } finally {
      stop();
    }
  });

  it('writes a switch only while the move lease holds for its owner', async () => {
    const move = moveRecord({ frozen: true });
    await store.createMove(move);
    const r = route({ resource_kind: 'feature_flags', tenant_id: move.tenant_id });
    const lease = { moveId: move.id, owner: 'i_1', minRemainingMs: 1000 };
    await expect(
      store.put(r, { actor: 'a', moveLease: { ...lease, owner: 'i_2' } }),
    ).rejects.toBeInstanceOf(MoveLeaseLostError);
    await expect(
      store.put(r, { actor: 'a', moveLease: { ...lease, minRemainingMs: 120_000 } }),
    ).rejects.toBeInstanceOf(MoveLeaseLostError);
    expect((await store.load()).routes.some((x) => x.tenant_id === move.tenant_id)).toBe(false);
    expect((await store.put(r, { actor: 'a', moveLease: lease })).version).toBe(1);
  });
}

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
