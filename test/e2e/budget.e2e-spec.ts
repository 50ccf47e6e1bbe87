import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';

const as = (role: 'viewer' | 'member' | 'admin', tenant = 't_acme', project = 'p_web') =>
  scopedHeaders({ tenant, project, role });
const usage = (over: Record<string, unknown> = {}) => ({
  provider: 'openai',
  model: 'gpt-4o-mini',
  surface: 'web',
  cost: '0.1',
  currency: 'USD',
  ...over,
});

/** The fields a 400 validation.failed response names, sorted. */
const failedFields = (res: {
  body: { error: { details: { fields: { field: string }[] } } };
}): string[] => res.body.error.details.fields.map((f) => f.field).sort();

describe('budget over HTTP (memory backend)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('records a batch of usage (member) and reads it back newest first, filtered and paged', async () => {
    const h = as('member', 't_ledger');
    const events = [
      usage({ tool_id: 'search', tokens_input: 12, metadata: { run: 'a' } }),
      usage({ provider: 'anthropic', model: 'claude-3-5-haiku' }),
      usage({ surface: 'app' }),
    ];
    const posted = await t.http.post('/budget/usage').set(h).send({ events }).expect(201);
    expect(posted.body.items).toHaveLength(3);
    expect(posted.body.items[0]).toMatchObject({
      tool_id: 'search',
      app: null,
      tokens_input: 12,
      tokens_output: 0,
      metadata: { run: 'a' },
      created_by: 'u_alice',
    });
    const v = as('viewer', 't_ledger');
    const page = await t.http.get('/budget/usage?limit=2&window_days=1').set(v).expect(200);
    expect((page.body.items as { surface: string }[]).map((e) => e.surface)).toEqual([
      'app',
      'web',
    ]);
    const rest = await t.http
      .get(`/budget/usage?limit=2&window_days=1&cursor=${page.body.next_cursor}`)
      .set(v)
      .expect(200);
    expect(rest.body).toMatchObject({ items: [{ tool_id: 'search' }], next_cursor: null });
    expect(
      (await t.http.get('/budget/usage?provider=anthropic').set(v).expect(200)).body.items,
    ).toHaveLength(1);
    expect(
      (await t.http.get('/budget/usage?tool_id=search&surface=web').set(v).expect(200)).body.items,
    ).toHaveLength(1);
    const one = await t.http.get(`/budget/usage/${posted.body.items[1].id}`).set(v).expect(200);
    expect(one.body.provider).toBe('anthropic');
  });

  it('sums costs exactly: 0.1 + 0.2 five hundred times is 75, never float drift', async () => {
    const h = as('member', 't_exact');
    const events = Array.from({ length: 500 }, (_, i) =>
      usage({ cost: i % 2 === 0 ? '0.1' : '0.2', tool_id: i % 2 === 0 ? 'a' : 'b' }),
    );
    await t.http.post('/budget/usage').set(h).send({ events }).expect(201);
    await t.http
      .post('/budget/usage')
      .set(h)
      .send({ events: [usage({ cost: '0.3', currency: 'EUR' })] })
      .expect(201);
    const byProvider = await t.http
      .get('/budget/usage/summary?window_days=7&group_by=provider')
      .set(as('viewer', 't_exact'))
      .expect(200);
    expect(byProvider.body).toMatchObject({ group_by: 'provider', window_days: 7, events: 501 });
    expect(byProvider.body.groups).toEqual([
      {
        key: 'openai',
        count: 501,
        cost_by_currency: { EUR: '0.3', USD: '75' },
        tokens_input: 0,
        tokens_output: 0,
      },
    ]);
    const byTool = await t.http
      .get('/budget/usage/summary?group_by=tool_id')
      .set(as('viewer', 't_exact'))
      .expect(200);
    expect(
      (byTool.body.groups as { key: string | null; cost_by_currency: object }[]).map((g) => [
        g.key,
        g.cost_by_currency,
      ]),
    ).toEqual([
      ['a', { USD: '25' }],
      ['b', { USD: '50' }],
      [null, { EUR: '0.3' }],
    ]);
  });

  it('refuses bad usage with 400 naming the fields: amounts, sizes, shape', async () => {
    const h = as('member', 't_bad');
    const bad = await t.http
      .post('/budget/usage')
      .set(h)
      .send({
        events: [
          usage({ cost: '1e3' }),
          usage({ cost: '-1', currency: 'usd' }),
          usage({ cost: '0.12345678901', metadata: { nested: { a: 1 } } }),
          usage({ cost: '1234567890123456789' }),
        ],
      })
      .expect(400);
    expect(failedFields(bad)).toEqual([
      'events.0.cost',
      'events.1.cost',
      'events.1.currency',
      'events.2.cost',
      'events.2.metadata',
      'events.3.cost',
    ]);
    const tooMany = await t.http
      .post('/budget/usage')
      .set(h)
      .send({ events: Array.from({ length: 501 }, () => usage()) })
      .expect(400);
    expect(failedFields(tooMany)).toEqual(['events']);
    await t.http.post('/budget/usage').set(h).send(usage()).expect(400);
    await t.http.post('/budget/usage').set(h).send({ events: [] }).expect(400);
    await t.http
      .post('/budget/usage')
      .set(h)
      .send({ events: [usage({ cost: 0.1 })] })
      .expect(400);
    await t.http
      .post('/budget/usage')
      .set(h)
      .send({ events: [usage({ cost: '999999999999999999.9999999999' })] })
      .expect(201);
    await t.http.get('/budget/usage/summary?group_by=color').set(h).expect(400);
    await t.http.get('/budget/usage?window_days=0').set(h).expect(400);
  });

  it('puts policies (admin, If-Match), resolves the effective one and checks spend against it', async () => {
    const admin = as('admin', 't_policy');
    await t.http
      .put('/budget/policies')
      .set(as('member', 't_policy'))
      .send({ threshold: '1', window_days: 30, currency: 'USD' })
      .expect(403);
    const none = await t.http
      .get('/budget/policies/effective?surface=web&app=shop')
      .set(admin)
      .expect(404);
    expect(none.body.error.code).toBe('budget.policy_not_found');
    const all = await t.http
      .put('/budget/policies')
      .set(admin)
      .send({ threshold: '1.00', window_days: 30, currency: 'USD' })
      .expect(200);
    expect(all.body).toMatchObject({ surface: '*', app: '*', threshold: '1', version: 1 });
    expect(all.headers.etag).toBe('"1"');
    await t.http
      .put('/budget/policies')
      .set(admin)
      .send({ surface: 'web', threshold: '0.25', window_days: 30, currency: 'USD' })
      .expect(200);
    const stale = await t.http
      .put('/budget/policies')
      .set(admin)
      .set('If-Match', '"2"')
      .send({ threshold: '2', window_days: 30, currency: 'USD' })
      .expect(409);
    expect(stale.body.error.code).toBe('budget.version_conflict');
    const effective = await t.http
      .get('/budget/policies/effective?surface=web&app=shop')
      .set(as('viewer', 't_policy'))
      .expect(200);
    expect(effective.body).toMatchObject({ surface: 'web', app: '*', threshold: '0.25' });
    expect((await t.http.get('/budget/policies').set(admin).expect(200)).body.items).toHaveLength(
      2,
    );

    await t.http
      .post('/budget/usage')
      .set(as('member', 't_policy'))
      .send({ events: [usage(), usage({ cost: '0.1' }), usage({ surface: 'app', cost: '0.5' })] })
      .expect(201);
    const check = await t.http
      .get('/budget/check?surface=web&app=shop&cost=0.05')
      .set(as('viewer', 't_policy'))
      .expect(200);
    expect(check.body).toMatchObject({
      allowed: true,
      spent: '0.2',
      threshold: '0.25',
      remaining: '0.05',
      cost: '0.05',
      currency: 'USD',
      policy: { surface: 'web', app: '*' },
    });
    const over = await t.http
      .get('/budget/check?surface=web&cost=0.0500000001')
      .set(as('viewer', 't_policy'))
      .expect(200);
    expect(over.body.allowed).toBe(false);
    const global = await t.http
      .get('/budget/check?surface=app')
      .set(as('viewer', 't_policy'))
      .expect(200);
    expect(global.body).toMatchObject({
      allowed: true,
      spent: '0.7',
      remaining: '0.3',
      policy: { surface: '*', app: '*' },
    });
    await t.http.get('/budget/check?cost=abc').set(as('viewer', 't_policy')).expect(400);
  });

  it('keeps tenants and projects apart: usage and policies of one are 404 in the other', async () => {
    const posted = await t.http
      .post('/budget/usage')
      .set(as('member', 't_iso_a'))
      .send({ events: [usage()] })
      .expect(201);
    await t.http
      .put('/budget/policies')
      .set(as('admin', 't_iso_a'))
      .send({ threshold: '5', window_days: 30, currency: 'USD' })
      .expect(200);
    const id = posted.body.items[0].id as string;
    for (const h of [as('viewer', 't_iso_b'), as('viewer', 't_iso_a', 'p_other')]) {
      const missing = await t.http.get(`/budget/usage/${id}`).set(h).expect(404);
      expect(missing.body.error.code).toBe('budget.not_found');
      expect((await t.http.get('/budget/usage').set(h).expect(200)).body.items).toEqual([]);
      await t.http.get('/budget/policies/effective').set(h).expect(404);
      await t.http.get('/budget/check').set(h).expect(404);
    }
  });
});

describe('budget over HTTP (Firestore registry and backend)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ registry: 'firestore', seed: 'firestore' });
  });
  afterAll(() => t.close());

  it('stores usage on Firestore and sums it exactly, then checks it against a policy', async () => {
    const events = Array.from({ length: 40 }, (_, i) =>
      usage({ cost: i % 2 === 0 ? '0.1' : '0.2' }),
    );
    await t.http.post('/budget/usage').set(as('member', 't_fs')).send({ events }).expect(201);
    const summary = await t.http
      .get('/budget/usage/summary?group_by=surface')
      .set(as('viewer', 't_fs'))
      .expect(200);
    expect(summary.body.groups).toEqual([
      { key: 'web', count: 40, cost_by_currency: { USD: '6' }, tokens_input: 0, tokens_output: 0 },
    ]);
    await t.http
      .put('/budget/policies')
      .set(as('admin', 't_fs'))
      .send({ surface: 'web', threshold: '6', window_days: 1, currency: 'USD' })
      .expect(200);
    const check = await t.http
      .get('/budget/check?surface=web&cost=0')
      .set(as('viewer', 't_fs'))
      .expect(200);
    expect(check.body).toMatchObject({ allowed: true, spent: '6', remaining: '0' });
    const over = await t.http
      .get('/budget/check?surface=web&cost=0.01')
      .set(as('viewer', 't_fs'))
      .expect(200);
    expect(over.body.allowed).toBe(false);
  });

  it('keeps tenants and projects apart on Firestore', async () => {
    const posted = await t.http
      .post('/budget/usage')
      .set(as('member', 't_fs_a'))
      .send({ events: [usage()] })
      .expect(201);
    await t.http
      .get(`/budget/usage/${posted.body.items[0].id}`)
      .set(as('viewer', 't_fs_a'))
      .expect(200);
    await t.http
      .get(`/budget/usage/${posted.body.items[0].id}`)
      .set(as('viewer', 't_fs_b'))
      .expect(404);
    await t.http
      .get(`/budget/usage/${posted.body.items[0].id}`)
      .set(as('viewer', 't_fs_a', 'p_other'))
      .expect(404);
  });
});
