import { testRequestContext } from '../../../test/utils/request-context';
import { InMemoryFeatureFlagsRepository } from './adapters/in-memory-feature-flags.repository';
import { DEFAULT_FLAGS, MAX_CUSTOM_FLAGS } from './feature-flags.types';
import { FeatureFlagsService } from './feature-flags.service';

describe('FeatureFlagsService', () => {
  const { context, as } = testRequestContext();
  const admin = { sub: 'u_admin', role: 'admin' } as const;
  let service: FeatureFlagsService;

  beforeEach(() => {
    service = new FeatureFlagsService(new InMemoryFeatureFlagsRepository(), context);
  });

  it('replace (PUT) resets every flag not sent to its default', async () => {
    await as(admin, () => service.replace('project', { ws_enabled: true, custom: { a: 1 } }));
    const doc = await as(admin, () => service.replace('project', { sse_enabled: true }));
    expect(doc.flags).toEqual({ ...DEFAULT_FLAGS, sse_enabled: true, custom: {} });
  });

  it('patch keeps the flags not sent, and null puts a flag back to its default', async () => {
    await as(admin, () =>
      service.replace('project', { ws_enabled: true, replay_mode: 'stream', custom: { a: 1 } }),
    );
    const doc = await as(admin, () =>
      service.patch('project', { sse_enabled: true, replay_mode: null }),
    );
    expect(doc).toMatchObject({ version: 2, level: 'project', updated_by: 'u_admin' });
    expect(doc.flags).toEqual({
      ...DEFAULT_FLAGS,
      ws_enabled: true,
      sse_enabled: true,
      replay_mode: 'off',
      custom: { a: 1 },
    });
  });

  it('patch merges custom key by key: null drops a key, custom null drops all', async () => {
    await as(admin, () => service.replace('tenant', { custom: { a: 1, b: 'x' } }));
    let doc = await as(admin, () => service.patch('tenant', { custom: { b: null, c: true } }));
    expect(doc.flags.custom).toEqual({ a: 1, c: true });
    doc = await as(admin, () => service.patch('tenant', { custom: null }));
    expect(doc.flags.custom).toEqual({});
  });

  it('patch of a level without a document starts from the defaults at version 1', async () => {
    const doc = await as(admin, () => service.patch('project', { gesture_logging: true }));
    expect(doc).toMatchObject({ version: 1, flags: { ...DEFAULT_FLAGS, gesture_logging: true } });
  });

  it('patch honours If-Match: a stale version is feature_flags.version_conflict', async () => {
    await as(admin, () => service.patch('project', { ws_enabled: true }));
    await as(admin, () => service.patch('project', { sse_enabled: true }, 1));
    await expect(
      as(admin, () => service.patch('project', { ws_enabled: false }, 1)),
    ).rejects.toMatchObject({
      code: 'feature_flags.version_conflict',
      details: { expected_version: 1, current_version: 2 },
    });
  });

  it('refuses a patch that leaves more custom flags than allowed', async () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_CUSTOM_FLAGS }, (_, i) => [`k${i}`, true]),
    );
    await as(admin, () => service.replace('project', { custom: many }));
    await expect(
      as(admin, () => service.patch('project', { custom: { one_more: true } })),
    ).rejects.toMatchObject({ code: 'validation.failed' });
  });
});
