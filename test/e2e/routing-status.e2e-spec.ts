import type { MountedKind } from '../../src/routing/kind-catalog';
import type { RouteInput } from '../../src/routing/route.types';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route } from '../utils/routes';
import { signToken } from '../utils/tokens';

describe('/routing/status and /health/ready', () => {
  let t: TestApp;
  const admin = { Authorization: `Bearer ${signToken({ sub: 'u_ops', registry_admin: true })}` };
  const owner = {
    Authorization: `Bearer ${signToken({ sub: 'u_owner', tenants: { t_acme: 'owner' } })}`,
  };

  beforeAll(async () => {
    t = await createTestApp({ seed: 'memory' });
    // Written around the API (straight into the store): the live policy refuses it.
    await t.putRoute({
      resource_kind: 'feature_flags',
      tenant_id: 't_beta',
      env: 'test',
      project_id: 'p_secret',
      backend_type: 'redis',
      config: { host: '127.0.0.1', password_env: 'BETA_REDIS_PASSWORD' },
    });
  });
  afterAll(() => t.close());

  it('shows rejected-route details (scope, config keys) to registry admins', async () => {
    const body = (await t.http.get('/routing/status').set(admin).expect(200)).body;
    expect(body.rejected_count).toBe(1);
    expect(JSON.stringify(body.rejected)).toContain('t_beta/test/p_secret');
  });

  it('shows other tokens only the number of rejected changes, no scope or config', async () => {
    const res = await t.http.get('/routing/status').set(owner).expect(200);
    expect(res.body.rejected_count).toBe(1);
    expect(res.body).not.toHaveProperty('rejected');
    expect(res.text).not.toContain('t_beta');
    expect(res.text).not.toContain('p_secret');
  });

  it('reports "emulator": true when Firestore clients point at an emulator', async () => {
    expect((await t.http.get('/routing/status').set(admin).expect(200)).body.emulator).toBe(true);
    expect((await t.http.get('/health/ready').expect(200)).body.emulator).toBe(true);
  });
});

/** A t_system route per kind on a durable, non-loopback backend (staging's policy). */
const stagingRoutes = (kinds: MountedKind[]): RouteInput[] =>
  kinds.map(({ kind, backends }) =>
    route({
      resource_kind: kind,
      env: 'staging',
      ...(backends.includes('firestore')
        ? { backend_type: 'firestore', config: {} }
        : backends.includes('redis')
          ? { backend_type: 'redis', config: { host: 'redis.internal' } }
          : { backend_type: 's3', config: { bucket: 'acme-staging', region: 'eu-west-1' } }),
    }),
  );

describe('a protected env on the Firestore emulator', () => {
  it('is refused at boot without ALLOW_FIRESTORE_EMULATOR=true, naming the variable', async () => {
    await expect(
      createTestApp({
        env: 'prod',
        registry: 'firestore',
        seed: false,
        environment: { ALLOW_FIRESTORE_EMULATOR: 'false' },
      }),
    ).rejects.toThrow(
      /FIRESTORE_EMULATOR_HOST is set in prod.*Unset FIRESTORE_EMULATOR_HOST, or set ALLOW_FIRESTORE_EMULATOR=true/s,
    );
  });

  it('boots when allowed and reports "emulator": true', async () => {
    const t = await createTestApp({
      env: 'staging',
      registry: 'firestore',
      seed: false,
      routes: stagingRoutes,
    });
    try {
      const admin = { Authorization: `Bearer ${signToken({ registry_admin: true })}` };
      expect((await t.http.get('/routing/status').set(admin).expect(200)).body).toMatchObject({
        env: 'staging',
        emulator: true,
      });
      const ready = await t.http.get('/health/ready');
      expect(ready.body.emulator ?? ready.body.error.details.emulator).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe('without an emulator', () => {
  it('reports "emulator": false', async () => {
    const t = await createTestApp({ environment: { FIRESTORE_EMULATOR_HOST: '' } });
    try {
      expect((await t.http.get('/health/ready').expect(200)).body.emulator).toBe(false);
    } finally {
      await t.close();
    }
  });
});
