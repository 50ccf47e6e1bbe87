import { Scope } from '../../src/common/scope/scope';
import { FeatureFlagsRepository } from '../../src/features/feature-flags/feature-flags.repository';
import {
  DEFAULT_FLAGS,
  type FlagValues,
} from '../../src/features/feature-flags/feature-flags.types';
import { FeatureFlagsVersionConflictError } from '../../src/features/feature-flags/feature-flags.errors';

const flags = (over: Partial<FlagValues> = {}): FlagValues => ({
  ...DEFAULT_FLAGS,
  custom: {},
  ...over,
});

/**
 * The behaviour every FeatureFlagsRepository adapter must have. `make` returns a fresh
 * repository (and how to dispose of it); each test uses its own tenant so runs never clash.
 */
export function featureFlagRepositoryContract(
  make: () => Promise<{ repo: FeatureFlagsRepository; close(): Promise<void> }>,
): void {
  let repo: FeatureFlagsRepository;
  let close: () => Promise<void>;
  let n = 0;
  const tenant = (): string => `t_ff_${Date.now().toString(36)}_${(n += 1)}`;

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('returns null for a scope with no document', async () => {
    expect(await repo.get(Scope.of(tenant(), 'test', 'p_web'))).toBeNull();
  });

  it('stores a document at version 1 and reads it back', async () => {
    const scope = Scope.of(tenant(), 'test', 'p_web');
    const saved = await repo.put(scope, flags({ ws_enabled: true, custom: { beta: 'on', n: 3 } }), {
      actor: 'u_a',
    });
    expect(saved.version).toBe(1);
    const read = await repo.get(scope);
    expect(read?.flags).toEqual(flags({ ws_enabled: true, custom: { beta: 'on', n: 3 } }));
    expect(read?.updated_by).toBe('u_a');
  });

  it('replaces the whole document on put (removed custom keys are gone)', async () => {
    const scope = Scope.of(tenant(), 'test', 'p_web');
    await repo.put(scope, flags({ custom: { a: true, b: true } }), { actor: 'u_a' });
    const second = await repo.put(scope, flags({ custom: { a: false } }), { actor: 'u_b' });
    expect(second.version).toBe(2);
    expect((await repo.get(scope))?.flags.custom).toEqual({ a: false });
  });

  it('keeps project, tenant and other tenants apart', async () => {
    const t = tenant();
    const project = Scope.of(t, 'test', 'p_web');
    await repo.put(project, flags({ sse_enabled: true }), { actor: 'u_a' });
    expect(await repo.get(project.tenantWide())).toBeNull();
    expect(await repo.get(Scope.of(t, 'test', 'p_other'))).toBeNull();
    expect(await repo.get(Scope.of(tenant(), 'test', 'p_web'))).toBeNull();
    expect(await repo.get(Scope.of(t, 'dev', 'p_web'))).toBeNull();
  });

  it('writes when If-Match names the current version and refuses a stale one', async () => {
    const scope = Scope.of(tenant(), 'test', null);
    await repo.put(scope, flags(), { actor: 'u_a' });
    await expect(
      repo.put(scope, flags({ gesture_logging: true }), { actor: 'u_a', expectedVersion: 1 }),
    ).resolves.toMatchObject({ version: 2 });
    await expect(
      repo.put(scope, flags(), { actor: 'u_a', expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(FeatureFlagsVersionConflictError);
    expect((await repo.get(scope))?.flags.gesture_logging).toBe(true);
  });

  it('refuses If-Match on a document that does not exist', async () => {
    await expect(
      repo.put(Scope.of(tenant(), 'test', null), flags(), { actor: 'u_a', expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(FeatureFlagsVersionConflictError);
  });
}
