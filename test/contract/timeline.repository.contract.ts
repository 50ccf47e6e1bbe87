import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { TimelineIdTakenError } from '../../src/features/timeline/timeline.errors';
import { TimelineRepository } from '../../src/features/timeline/timeline.repository';
import type {
  Clip,
  Sequence,
  TimelineProject,
  TimelineRecordBase,
} from '../../src/features/timeline/timeline.types';

const base = (): TimelineRecordBase => {
  const now = new Date().toISOString();
  return { id: newSortableId(), version: 1, created_at: now, created_by: 'u_a', updated_at: now };
};
const project = (over: Partial<TimelineProject> = {}): TimelineProject => ({
  ...base(),
  name: 'Trailer',
  description: '',
  sequence_ids: [],
  ...over,
});
const sequence = (projectId: string, over: Partial<Sequence> = {}): Sequence => ({
  ...base(),
  timeline_project_id: projectId,
  name: 'Main',
  fps: 29.97,
  width: 1920,
  height: 1080,
  track_ids: [],
  transition_ids: [],
  ...over,
});
const clip = (trackId: string, over: Partial<Clip> = {}): Clip => ({
  ...base(),
  track_id: trackId,
  sequence_id: 'seq',
  asset_id: 'asset_1',
  in_ms: 0,
  out_ms: 1000,
  start_ms: 0,
  speed: 1.5,
  volume_db: -6,
  opacity: 0.5,
  blend_mode: 'screen',
  ...over,
});

export interface TimelineContractOptions {
  /**
   * Whether the store isolates concurrent transactions. The Firestore emulator does not
   * (docs/firestore-emulator.md: parallel read-then-write units lose updates there), so the
   * contention test only runs where it can pass for the right reason.
   */
  isolatesConcurrentUnits: boolean;
}

/**
 * The behaviour every TimelineRepository adapter must have. `make` returns a fresh
 * repository (and how to dispose of it); each test uses its own tenant so runs never clash.
 */
export function timelineRepositoryContract(
  make: () => Promise<{ repo: TimelineRepository; close(): Promise<void> }>,
  options: TimelineContractOptions,
): void {
  let repo: TimelineRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_tl_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('creates records in a unit and reads them back whole; a missing id is null', async () => {
    const s = scope();
    const p = project();
    const c = clip('track_1');
    await repo.transact(s, (tx) =>
      Promise.resolve(void (tx.create('project', p), tx.create('clip', c))),
    );
    expect(await repo.get(s, 'project', p.id)).toEqual(p);
    expect(await repo.get(s, 'clip', c.id)).toEqual(c);
    expect(await repo.get(s, 'project', newSortableId())).toBeNull();
    expect(await repo.get(s, 'clip', p.id)).toBeNull();
  });

  it('finds the children of a parent by its id, and only those', async () => {
    const s = scope();
    const mine = [clip('track_a', { start_ms: 5 }), clip('track_a')];
    await repo.transact(s, (tx) =>
      Promise.resolve(void [...mine, clip('track_b')].forEach((c) => tx.create('clip', c))),
    );
    const found = await repo.children(s, 'clip', 'track_a');
    expect(found.map((c) => c.id).sort()).toEqual(mine.map((c) => c.id).sort());
    expect(await repo.children(s, 'clip', 'track_none')).toEqual([]);
    const seen = await repo.transact(s, (tx) => tx.children('clip', 'track_a'));
    expect(seen).toHaveLength(2);
  });

  it('lists projects newest first, page by page before the last id', async () => {
    const s = scope();
    const ps = [project(), project(), project()];
    for (const p of ps) await repo.transact(s, (tx) => Promise.resolve(tx.create('project', p)));
    expect((await repo.listProjects(s, { limit: 2 })).map((p) => p.id)).toEqual([
      ps[2]?.id,
      ps[1]?.id,
    ]);
    expect((await repo.listProjects(s, { limit: 2, before: ps[1]?.id })).map((p) => p.id)).toEqual([
      ps[0]?.id,
    ]);
  });

  it('replaces whole records on put (a shrunk id list stays shrunk) and deletes', async () => {
    const s = scope();
    const p = project({ sequence_ids: ['a', 'b'], description: 'long' });
    await repo.transact(s, (tx) => Promise.resolve(tx.create('project', p)));
    await repo.transact(s, (tx) =>
      Promise.resolve(tx.put('project', { ...p, sequence_ids: ['a'], description: '' })),
    );
    expect(await repo.get(s, 'project', p.id)).toMatchObject({
      sequence_ids: ['a'],
      description: '',
    });
    await repo.transact(s, (tx) => Promise.resolve(tx.delete('project', p.id)));
    expect(await repo.get(s, 'project', p.id)).toBeNull();
  });

  it('reads inside a unit see the state before it; its writes land together', async () => {
    const s = scope();
    const p = project();
    const seq = sequence(p.id);
    const during = await repo.transact(s, async (tx) => {
      tx.create('project', p);
      const read = await tx.get('project', p.id);
      tx.create('sequence', seq);
      return read;
    });
    expect(during).toBeNull();
    expect(await repo.get(s, 'sequence', seq.id)).toEqual(seq);
  });

  it('writes nothing when the work throws', async () => {
    const s = scope();
    const p = project();
    await repo.transact(s, (tx) => Promise.resolve(tx.create('project', p)));
    const failing = repo.transact(s, async (tx) => {
      const current = await tx.get('project', p.id);
      if (current === null) throw new Error('setup failed');
      tx.put('project', { ...current, name: 'changed' });
      tx.create('sequence', sequence(p.id));
      throw new Error('refused');
    });
    await expect(failing).rejects.toThrow('refused');
    expect((await repo.get(s, 'project', p.id))?.name).toBe('Trailer');
    expect(await repo.children(s, 'sequence', p.id)).toEqual([]);
  });

  it('fails the whole unit with timeline.id_taken when a create hits an existing id, writing nothing', async () => {
    const s = scope();
    const p = project();
    await repo.transact(s, (tx) => Promise.resolve(tx.create('project', p)));
    const other = project();
    const unit = repo.transact(s, (tx) => {
      tx.put('project', other);
      tx.create('project', { ...p, name: 'duplicate' });
      return Promise.resolve();
    });
    await expect(unit).rejects.toBeInstanceOf(TimelineIdTakenError);
    expect((await repo.get(s, 'project', p.id))?.name).toBe('Trailer');
    expect(await repo.get(s, 'project', other.id)).toBeNull();
  });

  it('keeps scopes apart: other tenants, projects and envs see nothing', async () => {
    const s = scope();
    const p = project();
    const c = clip('track_iso');
    await repo.transact(s, (tx) =>
      Promise.resolve(void (tx.create('project', p), tx.create('clip', c))),
    );
    for (const other of [
      scope(),
      Scope.of(s.tenantId, 'test', 'p_other'),
      Scope.of(s.tenantId, 'dev', 'p_web'),
      s.tenantWide(),
    ]) {
      expect(await repo.get(other, 'project', p.id)).toBeNull();
      expect(await repo.children(other, 'clip', 'track_iso')).toEqual([]);
      expect(await repo.listProjects(other, { limit: 5 })).toEqual([]);
      expect(await repo.transact(other, (tx) => tx.get('clip', c.id))).toBeNull();
    }
  });

  it('sees each unit’s result in the next (sequential read-modify-write loses nothing)', async () => {
    const s = scope();
    const p = project();
    await repo.transact(s, (tx) => Promise.resolve(tx.create('project', p)));
    for (let i = 0; i < 5; i += 1) await repo.transact(s, bumpVersion(p.id));
    expect((await repo.get(s, 'project', p.id))?.version).toBe(6);
  });

  if (options.isolatesConcurrentUnits) {
    it('isolates concurrent units: 10 parallel read-modify-writes all land', async () => {
      const s = scope();
      const p = project();
      await repo.transact(s, (tx) => Promise.resolve(tx.create('project', p)));
      await Promise.all(Array.from({ length: 10 }, () => repo.transact(s, bumpVersion(p.id))));
      expect((await repo.get(s, 'project', p.id))?.version).toBe(11);
    });
  }
}

function bumpVersion(id: string) {
  return async (
    tx: Parameters<Parameters<TimelineRepository['transact']>[1]>[0],
  ): Promise<void> => {
    const current = await tx.get('project', id);
    if (current === null) throw new Error(`project ${id} vanished`);
    tx.put('project', { ...current, version: current.version + 1 });
  };
}
