import type { Response } from 'supertest';
import {
  spawnFirestoreEmulator,
  type FirestoreEmulatorProcess,
} from '../../tools/local-servers/firestore-emulator-process';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { uniqueProjectId } from '../utils/test-servers';
import { signToken } from '../utils/tokens';
import { timed, waitFor } from './fault-timing';

const TIMEOUT_MS = 2000;
/** Slack over BACKEND_TIMEOUT_MS for routing and a loaded machine. */
const SLACK_MS = 1500;
jest.setTimeout(90_000);

const ROUTE = '/routing/routes/feature_flags/t_frozen/test/*';
const body = (rationale: string) => ({ backend_type: 'memory', config: {}, rationale });

/**
 * The registry store's Firestore is frozen (SIGSTOP: connected and silent). Every admin read
 * and write answers 503 routing.store_unavailable within the bound, and a write answered 503
 * retried with the same Idempotency-Key after the thaw is applied exactly once.
 */
describe('registry store frozen: bounded admin API, idempotent retries', () => {
  let emulator: FirestoreEmulatorProcess;
  let t: TestApp;
  const admin = { Authorization: `Bearer ${signToken({ registry_admin: true })}` };

  beforeAll(async () => {
    emulator = await spawnFirestoreEmulator();
    t = await createTestApp({
      registry: 'firestore',
      seed: 'memory',
      firestoreProjectId: uniqueProjectId('frozen'),
      environment: {
        FIRESTORE_EMULATOR_HOST: emulator.host,
        BACKEND_TIMEOUT_MS: String(TIMEOUT_MS),
      },
    });
    await t.http.put(`${ROUTE}?probe=false`).set(admin).send(body('before')).expect(200);
  });
  afterAll(async () => {
    emulator?.thaw();
    await t?.close();
    await emulator?.kill();
  });

  const calls: [string, () => Promise<Response>][] = [
    ['GET /routing/routes', () => t.http.get('/routing/routes').set(admin)],
    ['GET /routing/routes/{key}', () => t.http.get(ROUTE).set(admin)],
    [
      'PUT /routing/routes/{key}',
      () =>
        t.http
          .put(`${ROUTE}?probe=false`)
          .set(admin)
          .set('Idempotency-Key', 'k-frozen-put')
          .send(body('frozen')),
    ],
    ['DELETE /routing/routes/{key}', () => t.http.delete(ROUTE).set(admin)],
    ['GET /routing/history', () => t.http.get('/routing/history').set(admin)],
    ['GET /routing/coverage', () => t.http.get('/routing/coverage').set(admin)],
    [
      'GET /routing/resolve',
      () =>
        t.http
          .get('/routing/resolve?resource_kind=feature_flags&tenant_id=t_frozen&env=test')
          .set(admin),
    ],
    [
      'POST /routing/plan',
      () =>
        t.http
          .post('/routing/plan')
          .set(admin)
          .send({
            changes: [
              {
                op: 'delete',
                key: { resource_kind: 'feature_flags', tenant_id: 't_frozen', env: 'test' },
              },
            ],
          }),
    ],
    [
      'POST /routing/rollback',
      () => t.http.post('/routing/rollback?probe=false').set(admin).send({ registry_version: 1 }),
    ],
  ];

  it('answers every admin endpoint 503 routing.store_unavailable within the timeout, then retries a write once', async () => {
    emulator.freeze();
    const results = await Promise.all(
      calls.map(async ([name, call]) => ({ name, ...(await timed(call)) })),
    );
    emulator.thaw();
    for (const r of results)
      console.log(`frozen store: ${r.name} → ${r.value.status} in ${r.ms} ms`);
    for (const r of results) {
      expect({ name: r.name, status: r.value.status, code: r.value.body.error?.code }).toEqual({
        name: r.name,
        status: 503,
        code: 'routing.store_unavailable',
      });
      expect(r.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    }
    const put = results.find((r) => r.name.startsWith('PUT'));
    expect(put?.value.body.error.message).toMatch(/same Idempotency-Key/);

    // After the thaw the retry answers one outcome, whether or not the frozen write went through.
    const retry = await waitFor(
      () => calls[2]![1](),
      (res) => res.status !== 503,
      30_000,
      100,
    );
    expect(retry.status).toBe(200);
    const again = await calls[2]![1]();
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(retry.body.version);
    const history = await t.http
      .get('/routing/history?resource_kind=feature_flags&tenant_id=t_frozen&env=test&project_id=*')
      .set(admin)
      .expect(200);
    const keyed = (history.body.items as { idempotency_key?: string }[]).filter(
      (r) => r.idempotency_key === 'k-frozen-put',
    );
    console.log(
      `PUT answered 503 while frozen, retried after thaw with the same Idempotency-Key: ` +
        `${keyed.length} revision(s), version ${retry.body.version}`,
    );
    expect(keyed).toHaveLength(1);
    expect(history.body.items).toHaveLength(2);

    const reused = await t.http
      .put(`${ROUTE}?probe=false`)
      .set(admin)
      .set('Idempotency-Key', 'k-frozen-put')
      .send(body('another request'))
      .expect(422);
    expect(reused.body.error.code).toBe('idempotency.key_reused');
  });
});
