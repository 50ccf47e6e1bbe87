import { firestoreDriver } from '../../src/backends/firestore/firestore.driver';
import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { FirestoreBudgetRepository } from '../../src/features/budget/adapters/firestore-budget.repository';
import { sumDecimals } from '../../src/features/budget/budget-money';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient } from '../utils/test-servers';
import { ownFirestoreEmulator } from '../utils/own-firestore-emulator';

const as = (role: 'viewer' | 'member' | 'admin', tenant: string) =>
  scopedHeaders({ tenant, project: 'p_web', role });

/** More usage events than the 10,000 a summary or check used to add up (then 422). */
const EVENTS = 10_001;

/** Event `i`: every fifth costs the smallest amount, the rest 0.1; two providers, two surfaces. */
const usage = (i: number) => ({
  provider: i % 2 ? 'openai' : 'anthropic',
  model: 'm-1',
  surface: i % 3 ? 'web' : 'app',
  cost: i % 5 ? '0.1' : '0.0000000001',
  currency: 'USD',
});

/** The exact totals of events 0..EVENTS-1: web has 6,667 events (1,334 of the small cost). */
const EXPECTED = { web: '533.3000001334', all: '800.0000002001', remaining: '66.6999998666' };

/** Posts events `from..to-1` over HTTP in 500-event batches (the most one POST takes). */
async function post(t: TestApp, tenant: string, from: number, to: number): Promise<void> {
  for (let done = from; done < to; done += 500) {
    const events = Array.from({ length: Math.min(500, to - done) }, (_, k) => usage(done + k));
    await t.http.post('/budget/usage').set(as('member', tenant)).send({ events }).expect(201);
  }
}

/**
 * Writes events `0..to-1` straight through the Firestore adapter on the app's emulator
 * project (what POST /budget/usage does, minus HTTP): the emulator takes seconds per
 * 500-event batch under load, more than the app's backend timeout allows a request.
 */
async function seedFirestore(t: TestApp, host: string, tenant: string, to: number): Promise<void> {
  const db = newFirestoreClient({ projectId: t.firestoreProjectId, host });
  const repo = new FirestoreBudgetRepository(
    firestoreDriver.handle({ client: db, close: () => db.terminate() }, {}),
  );
  const created_at = new Date().toISOString();
  try {
    for (let done = 0; done < to; done += 500) {
      const events = Array.from({ length: Math.min(500, to - done) }, (_, k) => ({
        ...usage(done + k),
        id: newSortableId(),
        app: null,
        tool_id: null,
        tokens_input: 0,
        tokens_output: 0,
        metadata: {},
        created_at,
        created_by: 'u_seed',
      }));
      await repo.appendUsage(Scope.of(tenant, 'test', 'p_web'), events);
    }
  } finally {
    await db.terminate();
  }
}

/**
 * `check` and `summary` over a window of more than 10,000 usage events answer 200 with the
 * exact totals (they answered `422 budget.window_too_large`). On memory every event goes in
 * over HTTP (21 POSTs); on Firestore the first 10,000 are written through the adapter in
 * bulk ({@link seedFirestore}) and the last one over HTTP.
 */
describe.each([
  ['memory', {}],
  // A memory registry: the emulator re-sends every query listener's results on each write,
  // and 10,000 bulk writes under the Firestore registry's listeners exhaust its heap.
  ['Firestore', { seed: 'firestore' }],
] as const)('budget aggregates over HTTP (%s backend)', (name, options) => {
  let t: TestApp;
  // An emulator of this suite's own: 10,000 bulk writes.
  const emulator = ownFirestoreEmulator();
  beforeAll(async () => {
    t = await createTestApp({
      ...options,
      environment: { FIRESTORE_EMULATOR_HOST: emulator.host },
    });
  });
  afterAll(() => t.close());

  it(`checks and summarises a window of ${EVENTS.toLocaleString('en-US')} events exactly`, async () => {
    const tenant = `t_agg_${name.toLowerCase()}`;
    if (name === 'memory') await post(t, tenant, 0, EVENTS);
    else {
      await seedFirestore(t, emulator.host, tenant, EVENTS - 1);
      await post(t, tenant, EVENTS - 1, EVENTS);
    }
    await t.http
      .put('/budget/policies')
      .set(as('admin', tenant))
      .send({ surface: 'web', threshold: '600', window_days: 30, currency: 'USD' })
      .expect(200);
    const check = await t.http
      .get('/budget/check?surface=web&cost=66.7')
      .set(as('viewer', tenant))
      .expect(200);
    expect(check.body).toMatchObject({
      allowed: false,
      spent: EXPECTED.web,
      remaining: EXPECTED.remaining,
    });
    const summary = await t.http
      .get('/budget/usage/summary?group_by=surface&window_days=30')
      .set(as('viewer', tenant))
      .expect(200);
    expect(summary.body.events).toBe(EVENTS);
    expect(summary.body.groups).toEqual([
      expect.objectContaining({ key: 'app', count: 3_334 }),
      expect.objectContaining({
        key: 'web',
        count: 6_667,
        cost_by_currency: { USD: EXPECTED.web },
      }),
    ]);
    const byProvider = await t.http
      .get('/budget/usage/summary?group_by=provider')
      .set(as('viewer', tenant))
      .expect(200);
    const total = (byProvider.body.groups as { cost_by_currency: { USD: string } }[]).map(
      (g) => g.cost_by_currency.USD,
    );
    expect(total).toHaveLength(2);
    expect(sumDecimals(total)).toBe(EXPECTED.all);
    expect(byProvider.body.events).toBe(EVENTS);
  }, 240_000);
});
