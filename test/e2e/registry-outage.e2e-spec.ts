import { startFirestoreEmulator, type FirestoreEmulatorHandle } from '../../tools/local-servers';
import { FirestoreRegistryStore } from '../../src/routing/store/firestore-registry.store';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient, uniqueProjectId } from '../utils/test-servers';
import { signToken } from '../utils/tokens';

jest.setTimeout(60_000);

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The registry store (a Firestore emulator of this test's own) stops while the app runs and
 * comes back on the same port with its data, as a real outage would.
 */
describe('registry store outage', () => {
  let emulator: FirestoreEmulatorHandle;
  let t: TestApp;
  const projectId = uniqueProjectId('outage');
  const admin = { Authorization: `Bearer ${signToken({ registry_admin: true })}` };
  const status = async () =>
    (await t.http.get('/routing/status').set(admin)).body as {
      stale: boolean;
      applied_version: number;
      staleness_seconds: number;
    };

  beforeAll(async () => {
    emulator = await startFirestoreEmulator();
    t = await createTestApp({
      registry: 'firestore',
      seed: 'memory',
      firestoreProjectId: projectId,
      environment: { FIRESTORE_EMULATOR_HOST: emulator.host, ROUTING_HEARTBEAT_MS: '200' },
    });
  });
  afterAll(async () => {
    await t.close();
    await emulator.stop();
  });

  it('keeps serving applied routes, reports stale, and catches up when the store returns', async () => {
    const headers = scopedHeaders();
    await t.http.put('/feature-flags').set(headers).send({ ws_enabled: true }).expect(200);
    const before = await status();
    expect(before.stale).toBe(false);

    await emulator.stop();
    const stale = await until(status, (s) => s.stale, 10_000);
    expect(stale.stale).toBe(true);
    expect((await t.http.get('/health/ready').expect(503)).body.error.code).toBe(
      'health.not_ready',
    );
    for (let i = 0; i < 5; i += 1) {
      const res = await t.http.get('/feature-flags').set(headers).expect(200);
      expect(res.body.flags.ws_enabled).toBe(true);
    }

    await emulator.restart();
    // Another client changes the registry once the store is back; the app must follow.
    const writer = new FirestoreRegistryStore(
      newFirestoreClient({ projectId, host: emulator.host }),
    );
    try {
      await writer.put(
        route({
          resource_kind: 'feature_flags',
          tenant_id: 't_acme',
          backend_type: 'memory',
          rationale: 'after the outage',
        }),
        {
          actor: 'test-operator',
        },
      );
      const version = (await writer.load()).version;
      expect(version).toBeGreaterThan(before.applied_version);
      const back = await until(status, (s) => !s.stale && s.applied_version >= version, 20_000);
      expect(back).toMatchObject({ stale: false, applied_version: version, staleness_seconds: 0 });
      await t.http.get('/health/ready').expect(200);
    } finally {
      await writer.close();
    }
  });
});
