import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { BudgetVersionConflictError } from '../../src/features/budget/budget.errors';
import { BudgetRepository } from '../../src/features/budget/budget.repository';
import {
  usageSortKey,
  type BudgetPolicyInput,
  type UsageEvent,
} from '../../src/features/budget/budget.types';

const event = (over: Partial<UsageEvent> = {}): UsageEvent => ({
  id: newSortableId(),
  provider: 'openai',
  model: 'gpt-4o-mini',
  surface: 'web',
  app: null,
  tool_id: null,
  tokens_input: 10,
  tokens_output: 5,
  cost: '0.1',
  currency: 'USD',
  metadata: { run: 'r1', cached: false },
  created_at: '2024-05-01T00:00:00.000Z',
  created_by: 'u_a',
  ...over,
});

const policy = (surface: string, app: string, threshold = '10'): BudgetPolicyInput => ({
  surface,
  app,
  threshold,
  window_days: 30,
  currency: 'USD',
});

/**
 * The behaviour every BudgetRepository adapter must have. `make` returns a fresh repository
 * (and how to dispose of it); each test uses its own tenant so runs never clash.
 */
export function budgetRepositoryContract(
  make: () => Promise<{ repo: BudgetRepository; close(): Promise<void> }>,
): void {
  let repo: BudgetRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_budget_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('appends usage events and reads one back by id; a missing id is null', async () => {
    const s = scope();
    const e = event({ app: 'checkout', tool_id: 'search', cost: '12.3456789012' });
    await expect(repo.appendUsage(s, [e])).resolves.toEqual([e]);
    expect(await repo.getUsage(s, e.id)).toEqual(e);
    expect(await repo.getUsage(s, newSortableId())).toBeNull();
  });

  it('appends 500 events in one call', async () => {
    const s = scope();
    const events = Array.from({ length: 500 }, () => event());
    await repo.appendUsage(s, events);
    expect(await repo.listUsage(s, {}, { limit: 1000 })).toHaveLength(500);
  });

  it('lists newest first by creation time then id, one keyset page after another', async () => {
    const s = scope();
    const old = event({ created_at: '2024-05-01T00:00:00.000Z' });
    const newer = event({ created_at: '2024-05-03T00:00:00.000Z' });
    const [sameA, sameB] = [
      event({ created_at: '2024-05-02T00:00:00.000Z' }),
      event({ created_at: '2024-05-02T00:00:00.000Z' }),
    ];
    await repo.appendUsage(s, [old, newer, sameA, sameB]);
    const first = await repo.listUsage(s, {}, { limit: 3 });
    expect(first).toEqual([newer, sameB, sameA]);
    expect(
      await repo.listUsage(s, {}, { limit: 3, before: usageSortKey(first[2] as UsageEvent) }),
    ).toEqual([old]);
  });

  it('filters by surface, provider, tool_id, app and currency, and by since (inclusive)', async () => {
    const s = scope();
    const a = event({
      surface: 'app',
      provider: 'anthropic',
      created_at: '2024-05-02T00:00:00.000Z',
    });
    const b = event({
      tool_id: 'search',
      app: 'checkout',
      currency: 'EUR',
      created_at: '2024-05-03T00:00:00.000Z',
    });
    const c = event({ created_at: '2024-05-01T00:00:00.000Z' });
    await repo.appendUsage(s, [a, b, c]);
    const list = (filter: Parameters<BudgetRepository['listUsage']>[1]) =>
      repo.listUsage(s, filter, { limit: 10 });
    expect(await list({ surface: 'app' })).toEqual([a]);
    expect(await list({ provider: 'openai' })).toEqual([b, c]);
    expect(await list({ tool_id: 'search' })).toEqual([b]);
    expect(await list({ app: 'checkout', currency: 'EUR' })).toEqual([b]);
    expect(await list({ currency: 'USD', surface: 'web' })).toEqual([c]);
    expect(await list({ since: '2024-05-02T00:00:00.000Z' })).toEqual([b, a]);
    expect(await list({ since: '2024-05-02T00:00:00.001Z', provider: 'openai' })).toEqual([b]);
  });

  it('upserts one policy per (surface, app): replace bumps the version, keeps id and created_at', async () => {
    const s = scope();
    const first = await repo.putPolicy(s, policy('web', '*', '5'), { actor: 'u_a' });
    expect(first).toMatchObject({
      surface: 'web',
      app: '*',
      threshold: '5',
      version: 1,
      updated_by: 'u_a',
    });
    const second = await repo.putPolicy(
      s,
      { ...policy('web', '*', '7.5'), window_days: 7, currency: 'EUR' },
      { actor: 'u_b' },
    );
    expect(second).toMatchObject({
      id: first.id,
      created_at: first.created_at,
      version: 2,
      threshold: '7.5',
      window_days: 7,
      currency: 'EUR',
    });
    expect(await repo.getPolicy(s, 'web', '*')).toEqual(second);
    expect(await repo.getPolicy(s, '*', '*')).toBeNull();
    expect(await repo.getPolicy(s, 'web', 'checkout')).toBeNull();
    expect(await repo.listPolicies(s, { limit: 10 })).toEqual([second]);
  });

  it('keeps (surface, *), (*, app) and (*, *) as separate policies, listed newest first page by page', async () => {
    const s = scope();
    const ww = await repo.putPolicy(s, policy('*', '*', '1'), { actor: 'u_a' });
    const wa = await repo.putPolicy(s, policy('*', 'checkout', '2'), { actor: 'u_a' });
    const sw = await repo.putPolicy(s, policy('web', '*', '3'), { actor: 'u_a' });
    const page = await repo.listPolicies(s, { limit: 2 });
    expect(page).toEqual([sw, wa]);
    expect(await repo.listPolicies(s, { limit: 2, before: page[1]?.id })).toEqual([ww]);
    expect((await repo.getPolicy(s, '*', 'checkout'))?.threshold).toBe('2');
  });

  it('keeps one policy row when two writes of the same pair run at once', async () => {
    const s = scope();
    await Promise.all([
      repo.putPolicy(s, policy('web', '*', '1'), { actor: 'u_a' }),
      repo.putPolicy(s, policy('web', '*', '2'), { actor: 'u_b' }),
    ]);
    expect(await repo.listPolicies(s, { limit: 10 })).toHaveLength(1);
  });

  it('writes a policy when expectedVersion is current and refuses a stale or missing one', async () => {
    const s = scope();
    await expect(
      repo.putPolicy(s, policy('*', '*'), { actor: 'u_a', expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(BudgetVersionConflictError);
    await repo.putPolicy(s, policy('*', '*', '1'), { actor: 'u_a' });
    await expect(
      repo.putPolicy(s, policy('*', '*', '2'), { actor: 'u_a', expectedVersion: 1 }),
    ).resolves.toMatchObject({ version: 2 });
    await expect(
      repo.putPolicy(s, policy('*', '*', '3'), { actor: 'u_a', expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(BudgetVersionConflictError);
    expect((await repo.getPolicy(s, '*', '*'))?.threshold).toBe('2');
  });

  it('keeps tenants, projects and envs apart', async () => {
    const s = scope();
    const e = event();
    await repo.appendUsage(s, [e]);
    await repo.putPolicy(s, policy('*', '*'), { actor: 'u_a' });
    for (const other of [
      Scope.of(s.tenantId, 'test', 'p_other'),
      s.tenantWide(),
      Scope.of(s.tenantId, 'dev', 'p_web'),
      scope(),
    ]) {
      expect(await repo.getUsage(other, e.id)).toBeNull();
      expect(await repo.listUsage(other, {}, { limit: 10 })).toEqual([]);
      expect(await repo.getPolicy(other, '*', '*')).toBeNull();
      expect(await repo.listPolicies(other, { limit: 10 })).toEqual([]);
    }
  });
}
