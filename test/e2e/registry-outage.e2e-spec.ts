import { startTcpProxy, type TcpProxyHandle } from '../../tools/local-servers';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { RegistryWriter } from '../utils/registry-writer';
import { route } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { testFirestoreHost, uniqueProjectId } from '../utils/test-servers';
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
 * The registry store becomes unreachable while the app runs. The emulator keeps its data in
 * memory, so the outage is made at the network level: the app reaches the emulator through
 * a TCP proxy that the test cuts and restores.
 */
describe('registry store outage', () => {
  let proxy: TcpProxyHandle;
  let t: TestApp;
  let writer: RegistryWriter;
  const admin = { Authorization: `Bearer ${signToken({ registry_admin: true })}` };
  const status = async () =>
    (await t.http.get('/routing/status').set(admin)).body as {
      stale: boolean;
      applied_version: number;
      staleness_seconds: number;
    };

  beforeAll(async () => {
    proxy = await startTcpProxy(Number(testFirestoreHost().split(':')[1]));
    const projectId = uniqueProjectId('outage');
    writer = new RegistryWriter(projectId);
    t = await createTestApp({
      registry: 'firestore',
      seed: 'memory',
      firestoreProjectId: projectId,
      environment: { FIRESTORE_EMULATOR_HOST: proxy.host, ROUTING_HEARTBEAT_MS: '200' },
    });
  });
  afterAll(async () => {
    await t.close();
    await writer.close();
    await proxy.stop();
  });

  it('keeps serving applied routes, reports stale, and catches up when the store returns', async () => {
    const headers = scopedHeaders();
    await t.http.put('/feature-flags').set(headers).send({ ws_enabled: true }).expect(200);
    const before = await status();
    expect(before.stale).toBe(false);

    await proxy.cut();
    const stale = await until(status, (s) => s.stale, 10_000);
    expect(stale.stale).toBe(true);
    const ready = await t.http.get('/health/ready').expect(503);
    expect(ready.body.error.code).toBe('health.not_ready');
    for (let i = 0; i < 5; i += 1) {
      const res = await t.http.get('/feature-flags').set(headers).expect(200);
      expect(res.body.flags.ws_enabled).toBe(true);
    }

    // While this instance is cut off, another client changes the registry.
    const version = await writer.put(
      route({
        resource_kind: 'feature_flags',
        tenant_id: 't_acme',
        backend_type: 'memory',
        rationale: 'changed during outage',
      }),
    );
    expect((await status()).applied_version).toBe(before.applied_version);

    await proxy.restore();
    const back = await until(status, (s) => !s.stale && s.applied_version >= version, 20_000);
    expect(back).toMatchObject({ stale: false, applied_version: version, staleness_seconds: 0 });
    await t.http.get('/health/ready').expect(200);
  });
});
