import { Scope } from '../../src/common/scope/scope';
import { newSortableId } from '../../src/common/ids/sortable-id';
import { MaybesRepository } from '../../src/features/maybes/maybes.repository';
import type { MaybeFilter, MaybeItem } from '../../src/features/maybes/maybes.types';
import { MaybesVersionConflictError } from '../../src/features/maybes/maybes.errors';

/** A repository under test; `scanBudget` bounds how many items one search reads. */
export type MakeMaybeRepository = (options: {
  scanBudget?: number;
}) => Promise<{ repo: MaybesRepository; close(): Promise<void> }>;

function item(over: Partial<MaybeItem> = {}): MaybeItem {
  const now = new Date().toISOString();
  return {
    id: newSortableId(),
    title: 'A note',
    body: '',
    tags: [],
    pinned: false,
    archived: false,
    created_by: 'u_alice',
    created_at: now,
    updated_at: now,
    updated_by: 'u_alice',
    version: 1,
    ...over,
  };
}

/** Follows `continueBefore` to the end and returns every item found, in order. */
async function searchAll(
  repo: MaybesRepository,
  scope: Scope,
  filter: MaybeFilter,
  limit: number,
): Promise<{ ids: string[]; calls: number }> {
  const ids: string[] = [];
  let before: string | undefined;
  let calls = 0;
  for (;;) {
    calls += 1;
    const page = await repo.search(scope, filter, { limit, before });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((i) => i.id));
    if (page.continueBefore === null) return { ids, calls };
    before = page.continueBefore;
  }
}

/** The behaviour every MaybesRepository adapter must have. Each test uses its own tenant. */
export function maybeRepositoryContract(make: MakeMaybeRepository): void {
  let repo: MaybesRepository;
  let small: MaybesRepository;
  const closers: (() => Promise<void>)[] = [];
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_mb_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');

  beforeAll(async () => {
    const made = await make({});
    const budgeted = await make({ scanBudget: 3 });
    repo = made.repo;
    small = budgeted.repo;
    closers.push(made.close, budgeted.close);
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('stores an item and reads it back; another scope does not see it', async () => {
    const s = scope();
    const saved = await repo.create(s, item({ title: 'Buy milk', tags: ['home', 'errand'] }));
    expect(await repo.get(s, saved.id)).toEqual(saved);
    expect(await repo.get(Scope.of(s.tenantId, 'test', 'p_other'), saved.id)).toBeNull();
    expect(await repo.get(Scope.of('t_mb_elsewhere', 'test', 'p_web'), saved.id)).toBeNull();
    expect(
      (await repo.search(Scope.of(s.tenantId, 'test', 'p_other'), {}, { limit: 10 })).items,
    ).toEqual([]);
  });

  it('creates an id once: creating it again returns the stored item, not a copy or a reset', async () => {
    const s = scope();
    const first = await repo.create(s, item({ title: 'first attempt' }));
    const again = await repo.create(s, { ...first, title: 'second attempt' });
    expect(again).toEqual(first);
    expect(await repo.get(s, first.id)).toEqual(first);
  });

  it('lists newest first and pages by keyset until continueBefore is null', async () => {
    const s = scope();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await repo.create(s, item({ title: `n${i}` }))).id);
    const first = await repo.search(s, {}, { limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual([ids[4], ids[3]]);
    expect(first.continueBefore).toBe(ids[3]);
    expect((await searchAll(repo, s, {}, 2)).ids).toEqual([...ids].reverse());
  });

  it('finds q in the title or the body, ignoring case', async () => {
    const s = scope();
    const inTitle = await repo.create(s, item({ title: 'Call the PLUMBER' }));
    const inBody = await repo.create(
      s,
      item({ title: 'todo', body: 'ask about the Plumbing bill' }),
    );
    await repo.create(s, item({ title: 'unrelated', body: 'nothing here' }));
    const { ids } = await searchAll(repo, s, { q: 'plumb' }, 10);
    expect(ids).toEqual([inBody.id, inTitle.id]);
    expect((await searchAll(repo, s, { q: 'ZZZ' }, 10)).ids).toEqual([]);
  });

  it('never misses a q match when the scan budget runs out: short pages carry a cursor to continue', async () => {
    const s = scope();
    const matches: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const hit = i % 4 === 0;
      const saved = await small.create(
        s,
        item({ title: hit ? `needle ${i}` : `hay ${i}`, body: 'x' }),
      );
      if (hit) matches.push(saved.id);
    }
    const firstPage = await small.search(s, { q: 'NEEDLE' }, { limit: 5 });
    expect(firstPage.items.length).toBeLessThan(5);
    expect(firstPage.continueBefore).not.toBeNull();
    const { ids, calls } = await searchAll(small, s, { q: 'needle' }, 5);
    expect(ids).toEqual([...matches].reverse());
    expect(calls).toBeGreaterThan(1);
  });

  it('filters by tags_any, pinned and archived, combined with q', async () => {
    const s = scope();
    const a = await repo.create(s, item({ title: 'alpha', tags: ['red', 'blue'], pinned: true }));
    const b = await repo.create(s, item({ title: 'beta', tags: ['green'], archived: true }));
    const c = await repo.create(s, item({ title: 'alpha two', tags: ['blue'] }));
    const ids = async (filter: MaybeFilter) => (await searchAll(repo, s, filter, 10)).ids;
    expect(await ids({ tagsAny: ['blue', 'green'] })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ tagsAny: ['red'] })).toEqual([a.id]);
    expect(await ids({ pinned: true })).toEqual([a.id]);
    expect(await ids({ archived: false })).toEqual([c.id, a.id]);
    expect(await ids({ archived: true, pinned: false })).toEqual([b.id]);
    expect(await ids({ q: 'alpha', tagsAny: ['blue'], pinned: false })).toEqual([c.id]);
  });

  it('updates the given fields and the version, and refuses a stale expected version', async () => {
    const s = scope();
    const saved = await repo.create(s, item({ title: 'draft', body: 'keep', tags: ['a'] }));
    const updated = await repo.update(
      s,
      saved.id,
      { title: 'final', tags: [] },
      { actor: 'u_admin', expectedVersion: 1 },
    );
    expect(updated).toMatchObject({
      title: 'final',
      body: 'keep',
      tags: [],
      version: 2,
      updated_by: 'u_admin',
      created_by: 'u_alice',
    });
    expect(await repo.get(s, saved.id)).toEqual(updated);
    await expect(
      repo.update(s, saved.id, { pinned: true }, { actor: 'u_a', expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(MaybesVersionConflictError);
    expect((await repo.get(s, saved.id))?.pinned).toBe(false);
    expect((await searchAll(repo, s, { tagsAny: ['a'] }, 10)).ids).toEqual([]);
  });

  it('answers null when updating an item that is missing or in another scope', async () => {
    const s = scope();
    const saved = await repo.create(s, item());
    expect(
      await repo.update(
        Scope.of(s.tenantId, 'test', 'p_other'),
        saved.id,
        { title: 'x' },
        { actor: 'u_a' },
      ),
    ).toBeNull();
    expect(await repo.update(s, newSortableId(), { title: 'x' }, { actor: 'u_a' })).toBeNull();
  });

  it('deletes once, honours the expected version, and leaves other scopes alone', async () => {
    const s = scope();
    const saved = await repo.create(s, item());
    expect(await repo.delete(Scope.of(s.tenantId, 'test', 'p_other'), saved.id, {})).toBe(false);
    await expect(repo.delete(s, saved.id, { expectedVersion: 7 })).rejects.toBeInstanceOf(
      MaybesVersionConflictError,
    );
    expect(await repo.delete(s, saved.id, { expectedVersion: 1 })).toBe(true);
    expect(await repo.get(s, saved.id)).toBeNull();
    expect(await repo.delete(s, saved.id, {})).toBe(false);
  });
}
