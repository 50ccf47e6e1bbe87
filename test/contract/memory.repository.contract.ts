import { Scope } from '../../src/common/scope/scope';
import type { Clock } from '../../src/features/memory/memory-records';
import { MemoryRepository } from '../../src/features/memory/memory.repository';
import { MemoryVersionConflictError } from '../../src/features/memory/memory.errors';
import type { SessionRef } from '../../src/features/memory/memory.types';

/** A repository under test reading "now" from `clock`. */
export type MakeMemoryRepository = (options: {
  clock: Clock;
}) => Promise<{ repo: MemoryRepository; close(): Promise<void> }>;

/** The behaviour every MemoryRepository adapter must have. Each test uses its own tenant. */
export function memoryRepositoryContract(make: MakeMemoryRepository): void {
  let repo: MemoryRepository;
  let close: () => Promise<void>;
  let now = new Date('2030-01-01T00:00:00.000Z');
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_mem_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');
  const alice: SessionRef = { owner: 'u_alice', sessionId: 's1' };
  const later = (minutes: number): string =>
    new Date(now.getTime() + minutes * 60_000).toISOString();

  beforeAll(async () => {
    ({ repo, close } = await make({ clock: () => now }));
  });
  afterAll(() => close());

  it('appends messages and lists them in append order with role, content and metadata', async () => {
    const s = scope();
    const first = await repo.appendMessage(s, alice, {
      role: 'user',
      content: 'hi',
      metadata: { nested: [[1, 2], { a: null }] },
    });
    const second = await repo.appendMessage(s, alice, {
      role: 'agent',
      content: 'hello',
      metadata: {},
    });
    expect(first).toMatchObject({ session_id: 's1', role: 'user', created_at: now.toISOString() });
    const listed = await repo.listMessages(s, alice, { limit: 10 });
    expect(listed).toEqual([first, second]);
    expect(listed[0]?.metadata).toEqual({ nested: [[1, 2], { a: null }] });
  });

  it('keeps all 50 concurrent appends, listed in id order', async () => {
    const s = scope();
    const appended = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        repo.appendMessage(s, alice, { role: 'system', content: `m${i}`, metadata: { i } }),
      ),
    );
    const listed = await repo.listMessages(s, alice, { limit: 200 });
    expect(listed).toHaveLength(50);
    expect(listed.map((m) => m.id)).toEqual(appended.map((m) => m.id).sort());
    expect(new Set(listed.map((m) => m.content))).toEqual(new Set(appended.map((m) => m.content)));
  });

  it('pages with after = the last id seen', async () => {
    const s = scope();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1)
      ids.push(
        (await repo.appendMessage(s, alice, { role: 'user', content: `m${i}`, metadata: {} })).id,
      );
    expect((await repo.listMessages(s, alice, { limit: 2 })).map((m) => m.id)).toEqual(
      ids.slice(0, 2),
    );
    expect(
      (await repo.listMessages(s, alice, { limit: 2, after: ids[1] })).map((m) => m.id),
    ).toEqual(ids.slice(2, 4));
    expect(await repo.listMessages(s, alice, { limit: 2, after: ids[4] })).toEqual([]);
  });

  it('keeps sessions private to their owner, to the session id and to the scope', async () => {
    const s = scope();
    await repo.appendMessage(s, alice, { role: 'user', content: 'secret', metadata: {} });
    expect(await repo.listMessages(s, { owner: 'u_bob', sessionId: 's1' }, { limit: 10 })).toEqual(
      [],
    );
    expect(
      await repo.listMessages(s, { owner: 'u_alice', sessionId: 's2' }, { limit: 10 }),
    ).toEqual([]);
    expect(
      await repo.listMessages(Scope.of(s.tenantId, 'test', 'p_other'), alice, { limit: 10 }),
    ).toEqual([]);
    expect(
      await repo.listMessages(s, { owner: 'u_alice"', sessionId: 's1' }, { limit: 10 }),
    ).toEqual([]);
  });

  it('stores any JSON value on a blackboard and reads it back; other projects do not see it', async () => {
    const s = scope();
    for (const data of [{ plan: ['a', ['b']] }, 'text', 42, null, [1, [2, [3]]]]) {
      await repo.putBlackboard(s, 'plan', { data, expiresAt: null }, { actor: 'u_alice' });
      expect((await repo.getBlackboard(s, 'plan'))?.data).toEqual(data);
    }
    expect(await repo.getBlackboard(s, 'plan')).toMatchObject({
      key: 'plan',
      version: 5,
      expires_at: null,
      updated_by: 'u_alice',
    });
    expect(await repo.getBlackboard(Scope.of(s.tenantId, 'test', 'p_other'), 'plan')).toBeNull();
    expect(await repo.getBlackboard(s, 'missing')).toBeNull();
  });

  it('writes a blackboard when the expected version is current and refuses a stale or missing one', async () => {
    const s = scope();
    await expect(
      repo.putBlackboard(
        s,
        'k',
        { data: 1, expiresAt: null },
        { actor: 'u_a', expectedVersion: 1 },
      ),
    ).rejects.toBeInstanceOf(MemoryVersionConflictError);
    await repo.putBlackboard(s, 'k', { data: 1, expiresAt: null }, { actor: 'u_a' });
    await expect(
      repo.putBlackboard(
        s,
        'k',
        { data: 2, expiresAt: null },
        { actor: 'u_a', expectedVersion: 1 },
      ),
    ).resolves.toMatchObject({
      version: 2,
    });
    await expect(
      repo.putBlackboard(
        s,
        'k',
        { data: 3, expiresAt: null },
        { actor: 'u_a', expectedVersion: 1 },
      ),
    ).rejects.toBeInstanceOf(MemoryVersionConflictError);
    expect((await repo.getBlackboard(s, 'k'))?.data).toBe(2);
  });

  it('treats an expired blackboard as absent before any cleanup, and keeps counting versions', async () => {
    const s = scope();
    await repo.putBlackboard(s, 'ttl', { data: 'x', expiresAt: later(1) }, { actor: 'u_a' });
    expect((await repo.getBlackboard(s, 'ttl'))?.expires_at).toBe(later(1));
    now = new Date(now.getTime() + 2 * 60_000);
    expect(await repo.getBlackboard(s, 'ttl')).toBeNull();
    await expect(
      repo.putBlackboard(
        s,
        'ttl',
        { data: 'y', expiresAt: null },
        { actor: 'u_a', expectedVersion: 1 },
      ),
    ).rejects.toBeInstanceOf(MemoryVersionConflictError);
    expect(
      await repo.putBlackboard(s, 'ttl', { data: 'y', expiresAt: null }, { actor: 'u_a' }),
    ).toMatchObject({ version: 2, data: 'y' });
    await repo.putBlackboard(s, 'gone', { data: 1, expiresAt: later(1) }, { actor: 'u_a' });
    now = new Date(now.getTime() + 2 * 60_000);
    expect(await repo.deleteBlackboard(s, 'gone', {})).toBe(false);
  });

  it('deletes a blackboard once and honours the expected version', async () => {
    const s = scope();
    await repo.putBlackboard(s, 'd', { data: 1, expiresAt: null }, { actor: 'u_a' });
    await expect(repo.deleteBlackboard(s, 'd', { expectedVersion: 3 })).rejects.toBeInstanceOf(
      MemoryVersionConflictError,
    );
    expect(await repo.deleteBlackboard(Scope.of(s.tenantId, 'test', 'p_other'), 'd', {})).toBe(
      false,
    );
    expect(await repo.deleteBlackboard(s, 'd', { expectedVersion: 1 })).toBe(true);
    expect(await repo.getBlackboard(s, 'd')).toBeNull();
    expect(await repo.deleteBlackboard(s, 'd', {})).toBe(false);
  });
}
