import { Scope } from '../../src/common/scope/scope';
import { RealtimeRegistryRepository } from '../../src/features/realtime-registry/realtime-registry.repository';
import { RealtimeIdTakenError } from '../../src/features/realtime-registry/realtime-registry.errors';

/**
 * The behaviour every RealtimeRegistryRepository adapter must have. `make` returns a fresh
 * repository; ids are unique per test so runs never clash.
 */
export function realtimeRegistrationRepositoryContract(
  make: () => Promise<{ repo: RealtimeRegistryRepository; close(): Promise<void> }>,
): void {
  let repo: RealtimeRegistryRepository;
  let close: () => Promise<void>;
  let n = 0;
  const id = (): string => `rt-${Date.now().toString(36)}-${(n += 1)}`;
  const web = Scope.of('t_rt_a', 'test', 'p_web');

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('registers an id for a scope and returns the owner scope', async () => {
    const thread = id();
    const saved = await repo.register(web, { type: 'thread', id: thread, actor: 'u_a' });
    expect(saved).toMatchObject({
      id: thread,
      type: 'thread',
      tenant_id: 't_rt_a',
      env: 'test',
      project_id: 'p_web',
      created_by: 'u_a',
    });
    expect(new Date(saved.created_at).toISOString()).toBe(saved.created_at);
    expect(await repo.get(web, 'thread', thread)).toEqual(saved);
  });

  it('returns null for an unknown id', async () => {
    expect(await repo.get(web, 'thread', id())).toBeNull();
  });

  it('hides an id from every other scope (tenant, project, env, tenant-wide)', async () => {
    const thread = id();
    await repo.register(web, { type: 'thread', id: thread, actor: 'u_a' });
    for (const other of [
      Scope.of('t_rt_b', 'test', 'p_web'),
      Scope.of('t_rt_a', 'test', 'p_other'),
      Scope.of('t_rt_a', 'dev', 'p_web'),
      web.tenantWide(),
    ]) {
      expect(await repo.get(other, 'thread', thread)).toBeNull();
    }
  });

  it('refuses an id already owned by another scope, and never overwrites the owner', async () => {
    const thread = id();
    await repo.register(web, { type: 'thread', id: thread, actor: 'u_a' });
    const other = Scope.of('t_rt_b', 'test', 'p_web');
    await expect(
      repo.register(other, { type: 'thread', id: thread, actor: 'u_b' }),
    ).rejects.toBeInstanceOf(RealtimeIdTakenError);
    await expect(
      repo.register(web, { type: 'thread', id: thread, actor: 'u_b' }),
    ).rejects.toBeInstanceOf(RealtimeIdTakenError);
    expect(await repo.get(other, 'thread', thread)).toBeNull();
    expect(await repo.get(web, 'thread', thread)).toMatchObject({
      tenant_id: 't_rt_a',
      created_by: 'u_a',
    });
  });

  it('keeps thread and canvas ids in separate id spaces', async () => {
    const shared = id();
    await repo.register(web, { type: 'thread', id: shared, actor: 'u_a' });
    const other = Scope.of('t_rt_b', 'test', 'p_web');
    await expect(
      repo.register(other, { type: 'canvas', id: shared, actor: 'u_b' }),
    ).resolves.toMatchObject({ type: 'canvas', tenant_id: 't_rt_b' });
    expect(await repo.get(web, 'canvas', shared)).toBeNull();
    expect(await repo.get(other, 'thread', shared)).toBeNull();
  });

  it('lets exactly one of 20 concurrent claims of one id win, from different scopes', async () => {
    const contested = id();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        repo.register(Scope.of(`t_rt_c${i}`, 'test', 'p_web'), {
          type: 'canvas',
          id: contested,
          actor: `u_${i}`,
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.every((r) => r.reason instanceof RealtimeIdTakenError)).toBe(true);
    const winner = (won[0] as PromiseFulfilledResult<{ tenant_id: string }>).value.tenant_id;
    expect(await repo.get(Scope.of(winner, 'test', 'p_web'), 'canvas', contested)).toMatchObject({
      tenant_id: winner,
    });
  });
}
