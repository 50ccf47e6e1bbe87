import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import {
  KpiDefinitionExistsError,
  KpiVersionConflictError,
} from '../../src/features/kpi/kpi.errors';
import { KpiRepository } from '../../src/features/kpi/kpi.repository';
import {
  measurementSortKey,
  type KpiDefinition,
  type KpiMeasurement,
} from '../../src/features/kpi/kpi.types';

const definition = (surface: string, name: string): KpiDefinition => ({
  id: newSortableId(),
  surface,
  name,
  description: null,
  unit: 'percent',
  window_seconds: 3600,
  created_at: new Date().toISOString(),
  created_by: 'u_a',
});

const measurement = (
  kpi_name: string,
  value: number,
  timestamp: string,
  surface = 'web',
): KpiMeasurement => ({
  id: newSortableId(),
  surface,
  kpi_name,
  value,
  timestamp,
  created_at: new Date().toISOString(),
  created_by: 'u_a',
});

const corridor = (
  kpi_name: string,
  floor: number | null,
  ceiling: number | null,
  surface = 'web',
) => ({
  surface,
  kpi_name,
  floor,
  ceiling,
});

/**
 * The behaviour every KpiRepository adapter must have. `make` returns a fresh repository
 * (and how to dispose of it); each test uses its own tenant so runs never clash.
 */
export function kpiRepositoryContract(
  make: () => Promise<{ repo: KpiRepository; close(): Promise<void> }>,
): void {
  let repo: KpiRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (project = 'p_web'): Scope =>
    Scope.of(`t_kpi_${Date.now().toString(36)}_${(n += 1)}`, 'test', project);

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('stores a definition and reads it back by (surface, name); a missing one is null', async () => {
    const s = scope();
    const def = definition('web', 'ctr');
    await expect(repo.createDefinition(s, def)).resolves.toEqual(def);
    expect(await repo.getDefinition(s, 'web', 'ctr')).toEqual(def);
    expect(await repo.getDefinition(s, 'web', 'other')).toBeNull();
    expect(await repo.getDefinition(s, 'app', 'ctr')).toBeNull();
  });

  it('refuses a second definition of the same name on a surface, allows it on another surface', async () => {
    const s = scope();
    await repo.createDefinition(s, definition('web', 'ctr'));
    await expect(repo.createDefinition(s, definition('web', 'ctr'))).rejects.toBeInstanceOf(
      KpiDefinitionExistsError,
    );
    await expect(repo.createDefinition(s, definition('app', 'ctr'))).resolves.toMatchObject({
      surface: 'app',
    });
  });

  it('returns the stored definition when the same id is created again (a retried request)', async () => {
    const s = scope();
    const first = definition('web', 'retried');
    await repo.createDefinition(s, first);
    const again = { ...first, created_at: new Date(Date.now() + 5000).toISOString() };
    await expect(repo.createDefinition(s, again)).resolves.toEqual(first);
    expect(await repo.listDefinitions(s, {}, { limit: 10 })).toEqual([first]);
  });

  it('lets exactly one of two concurrent creates of the same (surface, name) win', async () => {
    const s = scope();
    const results = await Promise.allSettled([
      repo.createDefinition(s, definition('web', 'race')),
      repo.createDefinition(s, definition('web', 'race')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected');
    expect(lost?.reason).toBeInstanceOf(KpiDefinitionExistsError);
    expect(await repo.listDefinitions(s, {}, { limit: 10 })).toHaveLength(1);
  });

  it('lists definitions newest first, filtered by surface, one keyset page after another', async () => {
    const s = scope();
    for (const [surface, name] of [
      ['web', 'a'],
      ['app', 'b'],
      ['web', 'c'],
      ['web', 'd'],
    ]) {
      await repo.createDefinition(s, definition(surface as string, name as string));
    }
    const first = await repo.listDefinitions(s, { surface: 'web' }, { limit: 2 });
    expect(first.map((d) => d.name)).toEqual(['d', 'c']);
    const second = await repo.listDefinitions(
      s,
      { surface: 'web' },
      { limit: 2, before: first[1]?.id },
    );
    expect(second.map((d) => d.name)).toEqual(['a']);
    expect((await repo.listDefinitions(s, {}, { limit: 10 })).map((d) => d.name)).toEqual([
      'd',
      'c',
      'b',
      'a',
    ]);
  });

  it('upserts one corridor per (surface, kpi_name): replace bumps the version and keeps id and created_at', async () => {
    const s = scope();
    const first = await repo.putCorridor(s, corridor('ctr', 0.1, 0.5), { actor: 'u_a' });
    expect(first).toMatchObject({ version: 1, floor: 0.1, ceiling: 0.5, updated_by: 'u_a' });
    const second = await repo.putCorridor(s, corridor('ctr', null, 0.9), { actor: 'u_b' });
    expect(second).toMatchObject({
      id: first.id,
      created_at: first.created_at,
      version: 2,
      floor: null,
      ceiling: 0.9,
      updated_by: 'u_b',
    });
    expect(await repo.listCorridors(s, {}, { limit: 10 })).toEqual([second]);
  });

  it('keeps one corridor row when two upserts of the same pair run at once', async () => {
    const s = scope();
    await Promise.all([
      repo.putCorridor(s, corridor('ctr', 1, 2), { actor: 'u_a' }),
      repo.putCorridor(s, corridor('ctr', 3, 4), { actor: 'u_b' }),
    ]);
    const rows = await repo.listCorridors(s, {}, { limit: 10 });
    expect(rows).toHaveLength(1);
  });

  it('writes a corridor when expectedVersion is current and refuses a stale or missing one', async () => {
    const s = scope();
    await expect(
      repo.putCorridor(s, corridor('ctr', 1, null), { actor: 'u_a', expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(KpiVersionConflictError);
    await repo.putCorridor(s, corridor('ctr', 1, null), { actor: 'u_a' });
    await expect(
      repo.putCorridor(s, corridor('ctr', 2, null), { actor: 'u_a', expectedVersion: 1 }),
    ).resolves.toMatchObject({ version: 2 });
    await expect(
      repo.putCorridor(s, corridor('ctr', 3, null), { actor: 'u_a', expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(KpiVersionConflictError);
    expect((await repo.listCorridors(s, {}, { limit: 10 }))[0]?.floor).toBe(2);
  });

  it('lists corridors filtered by surface, newest first', async () => {
    const s = scope();
    await repo.putCorridor(s, corridor('a', 1, null), { actor: 'u_a' });
    await repo.putCorridor(s, corridor('b', 1, null, 'app'), { actor: 'u_a' });
    await repo.putCorridor(s, corridor('c', 1, null), { actor: 'u_a' });
    expect(
      (await repo.listCorridors(s, { surface: 'web' }, { limit: 10 })).map((c) => c.kpi_name),
    ).toEqual(['c', 'a']);
    const page = await repo.listCorridors(s, {}, { limit: 2 });
    const next = await repo.listCorridors(s, {}, { limit: 2, before: page[1]?.id });
    expect([...page, ...next].map((c) => c.kpi_name)).toEqual(['c', 'b', 'a']);
  });

  it('adds a measurement once per id: adding the same id again returns the stored one', async () => {
    const s = scope();
    const first = measurement('ctr', 7, '2024-05-01T00:00:00.000Z');
    await repo.addMeasurement(s, first);
    const again = { ...first, timestamp: '2024-05-02T00:00:00.000Z' };
    await expect(repo.addMeasurement(s, again)).resolves.toEqual(first);
    expect(await repo.listMeasurements(s, {}, { limit: 10 })).toEqual([first]);
  });

  it('lists measurements newest first by timestamp, not by arrival, and pages by sort key', async () => {
    const s = scope();
    const late = measurement('ctr', 3, '2024-05-03T00:00:00.000Z');
    const early = measurement('ctr', 1, '2024-05-01T00:00:00.000Z');
    const middle = measurement('ctr', 2, '2024-05-02T00:00:00.000Z');
    for (const m of [late, early, middle]) await repo.addMeasurement(s, m);
    const first = await repo.listMeasurements(s, {}, { limit: 2 });
    expect(first).toEqual([late, middle]);
    const before = measurementSortKey(first[1] as KpiMeasurement);
    expect(await repo.listMeasurements(s, {}, { limit: 2, before })).toEqual([early]);
  });

  it('orders measurements with the same timestamp by id and filters by surface and kpi_name', async () => {
    const s = scope();
    const at = '2024-05-01T00:00:00.000Z';
    const [a, b] = [measurement('ctr', 1, at), measurement('ctr', 2, at)];
    const other = measurement('bounce', 9, at);
    const elsewhere = measurement('ctr', 7, at, 'app');
    for (const m of [a, b, other, elsewhere]) await repo.addMeasurement(s, m);
    expect(
      await repo.listMeasurements(s, { surface: 'web', kpi_name: 'ctr' }, { limit: 10 }),
    ).toEqual([b, a]);
    expect(await repo.listMeasurements(s, { kpi_name: 'ctr' }, { limit: 10 })).toHaveLength(3);
    expect(await repo.listMeasurements(s, { surface: 'app' }, { limit: 10 })).toEqual([elsewhere]);
  });

  it('keeps tenants, projects and envs apart', async () => {
    const s = scope();
    await repo.createDefinition(s, definition('web', 'ctr'));
    await repo.putCorridor(s, corridor('ctr', 1, 2), { actor: 'u_a' });
    await repo.addMeasurement(s, measurement('ctr', 1, '2024-05-01T00:00:00.000Z'));
    const others = [
      Scope.of(s.tenantId, 'test', 'p_other'),
      s.tenantWide(),
      Scope.of(s.tenantId, 'dev', 'p_web'),
      scope(),
    ];
    for (const other of others) {
      expect(await repo.getDefinition(other, 'web', 'ctr')).toBeNull();
      expect(await repo.listDefinitions(other, {}, { limit: 10 })).toEqual([]);
      expect(await repo.listCorridors(other, {}, { limit: 10 })).toEqual([]);
      expect(await repo.listMeasurements(other, {}, { limit: 10 })).toEqual([]);
    }
    await expect(
      repo.createDefinition(others[0] as Scope, definition('web', 'ctr')),
    ).resolves.toBeDefined();
  });
}
