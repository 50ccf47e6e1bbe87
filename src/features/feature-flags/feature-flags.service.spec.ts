import { Scope } from '../../common/scope/scope';
import { testRequestContext } from '../../../test/utils/request-context';
import { InMemoryFeatureFlagsRepository } from './adapters/in-memory-feature-flags.repository';
import { FeatureFlagsVersionConflictError } from './feature-flags.errors';
import { FeatureFlagsService } from './feature-flags.service';
import { DEFAULT_FLAGS, type FlagDocument, type FlagValues } from './feature-flags.types';

const scope = Scope.of('t_unit', 'test', 'p_web');
const flags = (values: Partial<FlagValues> = {}): FlagValues => ({
  ...structuredClone(DEFAULT_FLAGS),
  ...values,
});

/** An adapter where another writer stores a document right after each of the next `races` reads. */
class RacingRepository extends InMemoryFeatureFlagsRepository {
  races = 0;

  override async get(at: Scope): Promise<FlagDocument | null> {
    const doc = await super.get(at);
    if (this.races > 0) {
      this.races -= 1;
      await super.put(at, flags({ gesture_logging: true }), { actor: 'u_other' });
    }
    return doc;
  }
}

describe('FeatureFlagsService', () => {
  const { context, as } = testRequestContext(scope);
  const member = { sub: 'u_member', role: 'member' } as const;
  let repository: RacingRepository;
  let service: FeatureFlagsService;

  beforeEach(() => {
    repository = new RacingRepository();
    service = new FeatureFlagsService(repository, context);
  });

  describe('effective flags', () => {
    it('are the defaults, with no version, while no level has a document', async () => {
      await expect(as(member, () => service.effective())).resolves.toEqual({
        flags: DEFAULT_FLAGS,
        source: 'default',
        version: null,
        updated_at: null,
      });
    });

    it('come from the most specific level: project, then tenant, then t_system', async () => {
      await repository.put(scope.system(), flags({ ws_enabled: true }), { actor: 'u_ops' });
      await expect(as(member, () => service.effective())).resolves.toMatchObject({
        source: 'system',
        flags: { ws_enabled: true },
        version: 1,
      });
      await as(member, () => service.replace('tenant', { sse_enabled: true }));
      await expect(as(member, () => service.effective())).resolves.toMatchObject({
        source: 'tenant',
        flags: { ws_enabled: false, sse_enabled: true },
      });
      await as(member, () => service.replace('project', { replay_mode: 'stream' }));
      await expect(as(member, () => service.effective())).resolves.toMatchObject({
        source: 'project',
        flags: { sse_enabled: false, replay_mode: 'stream' },
      });
    });

    it("never show another project's document, only the tenant's", async () => {
      await as(member, () => service.replace('project', { ws_enabled: true }));
      const other = { ...member, scope: Scope.of('t_unit', 'test', 'p_other') };
      await expect(as(other, () => service.effective())).resolves.toMatchObject({
        source: 'default',
      });
      await as(member, () => service.replace('tenant', { gesture_logging: true }));
      await expect(as(other, () => service.effective())).resolves.toMatchObject({
        source: 'tenant',
        flags: { ws_enabled: false, gesture_logging: true },
      });
    });
  });

  it('PUT replaces the whole level: flags not given go back to their defaults', async () => {
    const first = await as(member, () =>
      service.replace('project', { ws_enabled: true, custom: { beta: true } }),
    );
    expect(first).toMatchObject({ level: 'project', version: 1, updated_by: 'u_member' });
    const second = await as(member, () => service.replace('project', { sse_enabled: true }, 1));
    expect(second).toMatchObject({ level: 'project', version: 2 });
    expect(second.flags).toEqual(flags({ sse_enabled: true }));
  });

  it('PATCH merges into the level: absent members stay, null goes back to the default', async () => {
    await as(member, () =>
      service.patch('tenant', { ws_enabled: true, replay_mode: 'keyframe', custom: { a: 1 } }),
    );
    const merged = await as(member, () =>
      service.patch('tenant', { replay_mode: null, custom: { a: null, b: 'x' } }),
    );
    expect(merged).toMatchObject({ level: 'tenant', version: 2 });
    expect(merged.flags).toEqual(flags({ ws_enabled: true, custom: { b: 'x' } }));
  });

  describe('version conflicts', () => {
    it('refuse a stale If-Match on PUT and PATCH, and If-Match on a level without a document', async () => {
      await expect(as(member, () => service.replace('project', {}, 1))).rejects.toMatchObject({
        code: 'feature_flags.version_conflict',
        details: { expected_version: 1, current_version: null },
      });
      await as(member, () => service.replace('project', {}));
      await as(member, () => service.replace('project', {}, 1));
      await expect(
        as(member, () => service.patch('project', { ws_enabled: true }, 1)),
      ).rejects.toBeInstanceOf(FeatureFlagsVersionConflictError);
    });

    it('make a PATCH without If-Match read and merge again, keeping the other write', async () => {
      await as(member, () => service.replace('project', {}));
      repository.races = 1;
      const merged = await as(member, () => service.patch('project', { ws_enabled: true }));
      expect(merged.version).toBe(3);
      expect(merged.flags).toEqual(flags({ ws_enabled: true, gesture_logging: true }));
    });

    it('give up on a PATCH without If-Match after three lost races', async () => {
      await as(member, () => service.replace('project', {}));
      repository.races = 3;
      await expect(
        as(member, () => service.patch('project', { ws_enabled: true })),
      ).rejects.toBeInstanceOf(FeatureFlagsVersionConflictError);
    });
  });
});
