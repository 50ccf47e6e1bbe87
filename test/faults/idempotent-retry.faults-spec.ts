import type { Firestore } from '@google-cloud/firestore';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { startHeldFirestore, type HeldFirestore } from '../utils/held-firestore';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient, uniqueProjectId } from '../utils/test-servers';

const BACKEND_TIMEOUT_MS = 1000;
const admin = scopedHeaders({ tenant: 't_acme', project: 'p_web', role: 'admin' });
const member = scopedHeaders({ tenant: 't_acme', project: 'p_web', role: 'member' });

/** Resolves once `check` holds; fails after `ms` (no fixed sleeps). */
async function waitFor(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A write that answered 503 because its backend stalled, and that landed afterwards, retried
 * with the same Idempotency-Key: exactly one record. The kinds run on an emulator of this
 * process that can hold its commits (reads keep working); registry and keys are in memory.
 */
describe('retrying a write that answered 503 but landed later (Firestore kinds)', () => {
  let held: HeldFirestore;
  let t: TestApp;
  let db: Firestore;
  const projectId = uniqueProjectId('idem-fault');

  const collection = (name: string) =>
    db
      .collection('tenants')
      .doc('t_acme')
      .collection('envs')
      .doc('test')
      .collection('projects')
      .doc('p_web')
      .collection(name);
  const count = async (name: string, field: string, value: unknown): Promise<number> =>
    (await collection(name).where(field, '==', value).get()).size;

  beforeAll(async () => {
    held = await startHeldFirestore();
    t = await createTestApp({
      seed: 'firestore',
      firestoreProjectId: projectId,
      environment: {
        FIRESTORE_EMULATOR_HOST: held.host,
        BACKEND_TIMEOUT_MS: String(BACKEND_TIMEOUT_MS),
      },
    });
    db = newFirestoreClient({ projectId, host: held.host });
    await t.http
      .post('/kpi/definitions')
      .set(admin)
      .send({ surface: 'web', name: 'latency' })
      .expect(201);
  });
  afterAll(async () => {
    held.release();
    await t.close();
    await db.terminate();
    held.stop();
  });

  /** Sends `send` while commits are held: expects 503 and a write waiting in the backend. */
  async function stalledAttempt<R extends { status: number }>(
    send: () => PromiseLike<R>,
  ): Promise<{ res: R; answeredMs: number }> {
    held.hold();
    const started = Date.now();
    const res = await send();
    const answeredMs = Date.now() - started;
    expect(res.status).toBe(503);
    expect(held.waiting).toBeGreaterThanOrEqual(1);
    return { res, answeredMs };
  }

  it('KPI measurement: one record after a 503, a retry while still stalled, and a retry after recovery', async () => {
    const key = `kpi-${Date.now()}`;
    const body = { surface: 'web', kpi_name: 'latency', value: 41.5 };
    const send = () =>
      t.http.post('/kpi/measurements').set(member).set('Idempotency-Key', key).send(body);

    const { res, answeredMs } = await stalledAttempt(send);
    expect(res.body.error.code).toBe('routing.backend_unavailable');
    expect(res.body.error.details).toMatchObject({ retry_safe: false, failure: 'timeout' });
    expect(res.body.error.message).toMatch(
      /may or may not have been applied; retry with the same Idempotency-Key/,
    );
    const whileStalled = await send();
    expect(whileStalled.status).toBe(503);

    const released = Date.now();
    held.release();
    await waitFor(
      'the stalled write lands',
      async () => (await count('kpi_measurements', 'value', 41.5)) > 0,
    );
    const landedMs = Date.now() - released;
    const retry = await send().expect(201);
    const stored = await collection('kpi_measurements').where('value', '==', 41.5).get();
    console.log(
      `kpi_measurements: first attempt answered 503 after ${answeredMs} ms (BACKEND_TIMEOUT_MS ${BACKEND_TIMEOUT_MS}); ` +
        `its write landed ${landedMs} ms after the backend recovered; after 3 attempts with one key: ${stored.size} record(s)`,
    );
    expect(stored.size).toBe(1);
    expect(retry.body.id).toBe(stored.docs[0]?.id);
    const replay = await send().expect(201);
    expect(replay.body).toEqual(retry.body);
  });

  it('maybes: one item after a 503 whose write landed, retried with the same key', async () => {
    const key = `maybe-${Date.now()}`;
    const title = `stalled note ${key}`;
    const send = () =>
      t.http.post('/maybes/items').set(member).set('Idempotency-Key', key).send({ title });

    const { answeredMs } = await stalledAttempt(send);
    held.release();
    await waitFor(
      'the stalled write lands',
      async () => (await count('maybes', 'title', title)) > 0,
    );
    const retry = await send().expect(201);
    const stored = await collection('maybes').where('title', '==', title).get();
    console.log(
      `maybes: first attempt answered 503 after ${answeredMs} ms; after the retry: ${stored.size} record(s)`,
    );
    expect(stored.size).toBe(1);
    expect(retry.body.id).toBe(stored.docs[0]?.id);
  });

  it('budget usage: the events and their running totals once after a 503 whose write landed', async () => {
    const key = `budget-${Date.now()}`;
    const model = `stalled-${key}`;
    const events = [0, 1].map(() => ({
      provider: 'openai',
      model,
      surface: 'web',
      cost: '0.25',
      currency: 'USD',
    }));
    const send = () =>
      t.http.post('/budget/usage').set(member).set('Idempotency-Key', key).send({ events });

    const { answeredMs } = await stalledAttempt(send);
    held.release();
    await waitFor(
      'the stalled write lands',
      async () => (await count('budget_usage', 'model', model)) > 0,
    );
    const retry = await send().expect(201);
    const stored = await count('budget_usage', 'model', model);
    const summary = await t.http.get('/budget/usage/summary?window_days=1').set(member).expect(200);
    console.log(
      `budget usage: first attempt answered 503 after ${answeredMs} ms; after the retry: ` +
        `${stored} event(s), summary ${JSON.stringify(summary.body)}`,
    );
    expect(stored).toBe(2);
    expect((retry.body as { items: unknown[] }).items).toHaveLength(2);
    expect(JSON.stringify(summary.body)).toContain('"0.5"');
  });

  it('without a key the same retry stores a second record (what the key prevents)', async () => {
    const body = { surface: 'web', kpi_name: 'latency', value: 77.5 };
    const send = () => t.http.post('/kpi/measurements').set(member).send(body);
    await stalledAttempt(send);
    held.release();
    await waitFor(
      'the stalled write lands',
      async () => (await count('kpi_measurements', 'value', 77.5)) > 0,
    );
    await send().expect(201);
    const records = await count('kpi_measurements', 'value', 77.5);
    console.log(`kpi_measurements without Idempotency-Key: ${records} records after one retry`);
    expect(records).toBe(2);
  });
});

/** The key store (next to the registry, on Firestore here) stalls: nothing is executed. */
describe('retrying a write whose Idempotency-Key could not be recorded', () => {
  let held: HeldFirestore;
  let t: TestApp;

  beforeAll(async () => {
    held = await startHeldFirestore();
    t = await createTestApp({
      registry: 'firestore',
      seed: 'memory',
      environment: {
        FIRESTORE_EMULATOR_HOST: held.host,
        BACKEND_TIMEOUT_MS: String(BACKEND_TIMEOUT_MS),
      },
    });
    await t.http
      .post('/kpi/definitions')
      .set(admin)
      .send({ surface: 'web', name: 'latency' })
      .expect(201);
  });
  afterAll(async () => {
    held.release();
    await t.close();
    held.stop();
  });

  it('answers 503 idempotency.store_unavailable (retry safe) and executes nothing', async () => {
    held.hold();
    const started = Date.now();
    const res = await t.http
      .post('/kpi/measurements')
      .set(member)
      .set('Idempotency-Key', `store-down-${Date.now()}`)
      .send({ surface: 'web', kpi_name: 'latency', value: 12.5 });
    const answeredMs = Date.now() - started;
    held.release();
    console.log(`key store stalled: answered ${res.status} after ${answeredMs} ms`);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('idempotency.store_unavailable');
    expect(res.body.error.details.retry_safe).toBe(true);
    expect(res.body.error.message).toMatch(/not executed.*same Idempotency-Key is safe/);
    const list = await t.http.get('/kpi/measurements').set(member).expect(200);
    expect(list.body.items).toEqual([]);
  });
});
