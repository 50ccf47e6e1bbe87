import { DomainError } from '../../src/common/errors/domain.error';
import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { StrategyLockRepository } from '../../src/features/strategy-lock/strategy-lock.repository';
import type { StrategyLock } from '../../src/features/strategy-lock/strategy-lock.types';

export const HOUR = 3_600_000;
export const iso = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();

/** A lock as the service makes one (fresh id, draft, version 1), with `over` applied. */
export function lock(over: Partial<StrategyLock> = {}): StrategyLock {
  const now = new Date().toISOString();
  return {
    id: newSortableId(),
    surface: null,
    scope: 'campaign',
    title: 'Spring campaign',
    description: '',
    constraints: { max_spend: '100.00', nested: { 'a.b': [1, { __odd__: true }] } },
    allowed_actions: ['builder:publish_page'],
    created_by: 'u_a',
    approved_by: null,
    rejected_by: null,
    status: 'draft',
    valid_from: iso(-HOUR),
    valid_until: iso(HOUR),
    version: 1,
    created_at: now,
    updated_at: now,
    ...over,
  };
}

/**
 * The behaviour every StrategyLockRepository adapter must have. `make` returns a fresh
 * repository; each test uses its own tenant so runs never clash.
 */
export function strategyLockRepositoryContract(
  make: () => Promise<{ repo: StrategyLockRepository; close(): Promise<void> }>,
): void {
  let repo: StrategyLockRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_sl_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('stores a lock and reads back every field, constraints included', async () => {
    const s = scope();
    const created = lock({ surface: 'web', description: 'why' });
    await repo.create(s, created);
    expect(await repo.get(s, created.id)).toEqual(created);
  });

  it('keeps scopes apart: another tenant, project or env reads null', async () => {
    const s = scope();
    const created = await repo.create(s, lock());
    expect(await repo.get(Scope.of(s.tenantId, 'test', 'p_other'), created.id)).toBeNull();
    expect(await repo.get(Scope.of(s.tenantId, 'dev', 'p_web'), created.id)).toBeNull();
    expect(await repo.get(scope(), created.id)).toBeNull();
    expect(await repo.list(scope(), { limit: 10 })).toEqual([]);
  });

  it('lists newest first and pages with before', async () => {
    const s = scope();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await repo.create(s, lock())).id);
    const first = await repo.list(s, { limit: 2 });
    expect(first.map((l) => l.id)).toEqual([ids[4], ids[3]]);
    const second = await repo.list(s, { limit: 10, before: ids[3] });
    expect(second.map((l) => l.id)).toEqual([ids[2], ids[1], ids[0]]);
  });

  it('filters lists by any of several statuses, by exact surface and by lock scope', async () => {
    const s = scope();
    const draft = await repo.create(s, lock({ surface: 'web' }));
    const approved = await repo.create(s, lock({ status: 'approved', scope: 'budget' }));
    const rejected = await repo.create(s, lock({ status: 'rejected', surface: 'app' }));
    const ids = async (q: Parameters<StrategyLockRepository['list']>[1]) =>
      (await repo.list(s, q)).map((l) => l.id);
    expect(await ids({ statuses: ['draft', 'approved'], limit: 10 })).toEqual([
      approved.id,
      draft.id,
    ]);
    expect(await ids({ statuses: ['rejected'], limit: 10 })).toEqual([rejected.id]);
    expect(await ids({ surface: 'web', limit: 10 })).toEqual([draft.id]);
    expect(await ids({ lock_scope: 'budget', limit: 10 })).toEqual([approved.id]);
    expect(await ids({ statuses: ['draft'], surface: 'app', limit: 10 })).toEqual([]);
  });

  it('finds approved locks for the action or "*" that are still valid at the given time', async () => {
    const s = scope();
    const exact = await repo.create(s, lock({ status: 'approved' }));
    const wildcard = await repo.create(
      s,
      lock({ status: 'approved', allowed_actions: ['*'], surface: 'web' }),
    );
    await repo.create(s, lock({ status: 'draft' }));
    await repo.create(s, lock({ status: 'rejected' }));
    await repo.create(s, lock({ status: 'approved', allowed_actions: ['budget:spend'] }));
    await repo.create(
      s,
      lock({ status: 'approved', valid_until: iso(-1000), valid_from: iso(-HOUR) }),
    );
    const found = await repo.findApproved(s, 'builder:publish_page', new Date().toISOString());
    expect(found.map((l) => l.id).sort()).toEqual([exact.id, wildcard.id].sort());
    expect(await repo.findApproved(s, 'builder:publish_page', iso(2 * HOUR))).toEqual([]);
    expect(
      await repo.findApproved(scope(), 'builder:publish_page', new Date().toISOString()),
    ).toEqual([]);
  });

  it('updates atomically through the change function and returns what it stored', async () => {
    const s = scope();
    const created = await repo.create(s, lock());
    const updated = await repo.update(s, created.id, (current) => ({
      ...current,
      status: 'approved',
      approved_by: 'u_b',
      version: current.version + 1,
    }));
    expect(updated).toMatchObject({ status: 'approved', approved_by: 'u_b', version: 2 });
    expect(await repo.get(s, created.id)).toEqual(updated);
  });

  it('writes nothing when the change function refuses, and answers null for a missing lock', async () => {
    const s = scope();
    const created = await repo.create(s, lock());
    const refusal = new DomainError('strategy_lock.test_refusal', 'conflict', 'no');
    await expect(
      repo.update(s, created.id, () => {
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(await repo.get(s, created.id)).toEqual(created);
    expect(await repo.update(s, newSortableId(), (c) => c)).toBeNull();
    expect(await repo.update(scope(), created.id, (c) => c)).toBeNull();
  });
}
