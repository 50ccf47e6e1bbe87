import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { FirearmsRepository } from '../../src/features/firearms/firearms.repository';
import {
  FirearmsVersionConflictError,
  LicenceAlreadyRevokedError,
} from '../../src/features/firearms/firearms.errors';
import type { Licence } from '../../src/features/firearms/firearms.types';

export const HOUR = 3_600_000;
export const iso = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();

/** An active licence of agent_1 (fresh id, version 1), with `over` applied. */
export function licence(over: Partial<Licence> = {}): Licence {
  const now = iso(0);
  return {
    id: newSortableId(),
    subject_type: 'agent',
    subject_id: 'agent_1',
    level: 'medium',
    status: 'active',
    issued_by: 'u_admin',
    issued_at: now,
    expires_at: iso(HOUR),
    revoked_at: null,
    revoked_by: null,
    revoke_reason: null,
    version: 1,
    updated_at: now,
    ...over,
  };
}

/**
 * The behaviour every FirearmsRepository adapter must have. `make` returns a fresh
 * repository (and how to dispose of it); each test uses its own tenant so runs never clash.
 */
export function firearmsRepositoryContract(
  make: () => Promise<{ repo: FirearmsRepository; close(): Promise<void> }>,
): void {
  let repo: FirearmsRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_fa_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('returns null for an action with no policy and stores one at version 1, then 2', async () => {
    const s = scope();
    expect(await repo.getAction(s, 'deploy:prod')).toBeNull();
    const first = await repo.putAction(s, 'deploy:prod', 'high', { actor: 'u_a' });
    expect(first).toMatchObject({
      action: 'deploy:prod',
      required_level: 'high',
      version: 1,
      updated_by: 'u_a',
    });
    await repo.putAction(s, 'deploy:prod', 'low', { actor: 'u_b' });
    expect(await repo.getAction(s, 'deploy:prod')).toMatchObject({
      required_level: 'low',
      version: 2,
      updated_by: 'u_b',
    });
  });

  it('writes an action when the expected version is current and refuses a stale or missing one', async () => {
    const s = scope();
    await expect(
      repo.putAction(s, 'db.drop', 'high', { actor: 'u_a', expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(FirearmsVersionConflictError);
    await repo.putAction(s, 'db.drop', 'high', { actor: 'u_a' });
    await expect(
      repo.putAction(s, 'db.drop', 'medium', { actor: 'u_a', expectedVersion: 1 }),
    ).resolves.toMatchObject({ version: 2 });
    await expect(
      repo.putAction(s, 'db.drop', 'low', { actor: 'u_a', expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(FirearmsVersionConflictError);
    expect((await repo.getAction(s, 'db.drop'))?.required_level).toBe('medium');
  });

  it('lists actions in name order, page by page after the last name', async () => {
    const s = scope();
    for (const a of ['c.three', 'a.one', 'b.two'])
      await repo.putAction(s, a, 'low', { actor: 'u_a' });
    const first = await repo.listActions(s, { limit: 2 });
    expect(first.map((p) => p.action)).toEqual(['a.one', 'b.two']);
    const second = await repo.listActions(s, { limit: 2, after: 'b.two' });
    expect(second.map((p) => p.action)).toEqual(['c.three']);
  });

  it('stores a licence with every field and reads it back by id', async () => {
    const s = scope();
    const l = licence({ subject_type: 'user', subject_id: 'u_bob', level: 'high' });
    await repo.createLicence(s, l);
    expect(await repo.getLicence(s, l.id)).toEqual(l);
    expect(await repo.getLicence(s, newSortableId())).toBeNull();
  });

  it('lists licences newest first, filtered by subject, page by page before the last id', async () => {
    const s = scope();
    const a1 = await repo.createLicence(s, licence({ subject_id: 'agent_a' }));
    await repo.createLicence(s, licence({ subject_type: 'tool', subject_id: 'agent_a' }));
    const a2 = await repo.createLicence(s, licence({ subject_id: 'agent_a' }));
    await repo.createLicence(s, licence({ subject_id: 'agent_b' }));
    const all = await repo.listLicences(s, {}, { limit: 10 });
    expect(all).toHaveLength(4);
    expect(all.map((l) => l.id)).toEqual([...all.map((l) => l.id)].sort().reverse());
    const agentA = { subject_type: 'agent' as const, subject_id: 'agent_a' };
    expect((await repo.listLicences(s, agentA, { limit: 1 })).map((l) => l.id)).toEqual([a2.id]);
    expect(
      (await repo.listLicences(s, agentA, { limit: 5, before: a2.id })).map((l) => l.id),
    ).toEqual([a1.id]);
    expect(await repo.listLicences(s, { subject_type: 'tool' }, { limit: 5 })).toHaveLength(1);
  });

  it('updates a licence atomically, returns null for a missing id, and writes nothing when the change refuses', async () => {
    const s = scope();
    const l = await repo.createLicence(s, licence());
    const revoked = await repo.updateLicence(s, l.id, (c) => ({
      ...c,
      status: 'revoked',
      revoked_by: 'u_a',
      version: c.version + 1,
    }));
    expect(revoked).toMatchObject({ status: 'revoked', revoked_by: 'u_a', version: 2 });
    expect(await repo.getLicence(s, l.id)).toMatchObject({ status: 'revoked', version: 2 });
    await expect(
      repo.updateLicence(s, l.id, () => {
        throw new LicenceAlreadyRevokedError(l.id);
      }),
    ).rejects.toBeInstanceOf(LicenceAlreadyRevokedError);
    expect((await repo.getLicence(s, l.id))?.version).toBe(2);
    expect(await repo.updateLicence(s, newSortableId(), (c) => c)).toBeNull();
  });

  it('finds a valid licence of the level: not revoked, not expired, the subject, latest expiry first', async () => {
    const s = scope();
    const subject = { subject_type: 'agent' as const, subject_id: 'agent_x' };
    await repo.createLicence(s, licence({ ...subject, expires_at: iso(-HOUR) }));
    await repo.createLicence(s, licence({ ...subject, status: 'revoked' }));
    await repo.createLicence(s, licence({ ...subject, level: 'low' }));
    await repo.createLicence(s, licence({ subject_type: 'tool', subject_id: 'agent_x' }));
    expect(await repo.findValidLicence(s, subject, 'medium', iso(0))).toBeNull();
    await repo.createLicence(s, licence({ ...subject, expires_at: iso(2 * HOUR) }));
    const latest = await repo.createLicence(s, licence({ ...subject, expires_at: iso(5 * HOUR) }));
    expect((await repo.findValidLicence(s, subject, 'medium', iso(0)))?.id).toBe(latest.id);
    expect(await repo.findValidLicence(s, subject, 'medium', iso(6 * HOUR))).toBeNull();
  });

  it('keeps scopes apart: other tenants, projects and envs see nothing', async () => {
    const s = scope();
    const l = await repo.createLicence(s, licence());
    await repo.putAction(s, 'deploy:prod', 'low', { actor: 'u_a' });
    for (const other of [
      scope(),
      Scope.of(s.tenantId, 'test', 'p_other'),
      Scope.of(s.tenantId, 'dev', 'p_web'),
      s.tenantWide(),
    ]) {
      expect(await repo.getLicence(other, l.id)).toBeNull();
      expect(await repo.getAction(other, 'deploy:prod')).toBeNull();
      expect(await repo.listLicences(other, {}, { limit: 5 })).toEqual([]);
      expect(await repo.listActions(other, { limit: 5 })).toEqual([]);
      expect(await repo.findValidLicence(other, l, 'medium', iso(0))).toBeNull();
      expect(await repo.updateLicence(other, l.id, (c) => c)).toBeNull();
    }
  });
}
