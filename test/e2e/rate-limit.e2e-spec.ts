import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route, testBackendConfig } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';

describe('rate_limit over HTTP (Firestore registry and backend, switched to Redis)', () => {
  let t: TestApp;
  const admin = (tenant: string) => scopedHeaders({ tenant, role: 'admin' });
  const putPolicy = (tenant: string, action: string, limit: number, windowSeconds = 60) =>
    t.http
      .put(`/rate-limit/policies/${action}`)
      .set(admin(tenant))
      .send({ limit, window_seconds: windowSeconds });
  const consume = (tenant: string, body: Record<string, unknown>, project = 'p_web') =>
    t.http
      .post('/rate-limit/consume')
      .set(scopedHeaders({ tenant, project, role: 'member' }))
      .send(body);
  const redisRoute = (tenant: string) =>
    route({
      resource_kind: 'rate_limit',
      tenant_id: tenant,
      backend_type: 'redis',
      config: testBackendConfig('redis', { project_id: t.firestoreProjectId }),
    });

  beforeAll(async () => {
    // 30 racing Firestore claims retry each other out; on a loaded machine one consume can
    // outlast the default test timeout (a 503 would then hide its outcome), so allow more.
    t = await createTestApp({
      registry: 'firestore',
      seed: 'firestore',
      environment: { BACKEND_TIMEOUT_MS: '30000' },
    });
  });
  afterAll(() => t.close());

  it('lets admins write policies (If-Match honoured), members not, and viewers list them by action', async () => {
    const first = await putPolicy('t_pol', 'export.csv', 5).expect(200);
    expect(first.body).toMatchObject({
      action: 'export.csv',
      limit: 5,
      window_seconds: 60,
      version: 1,
    });
    expect(first.headers.etag).toBe('"1"');
    await t.http
      .put('/rate-limit/policies/export.csv')
      .set(admin('t_pol'))
      .set('If-Match', '"1"')
      .send({ limit: 6, window_seconds: 60 })
      .expect(200);
    const stale = await t.http
      .put('/rate-limit/policies/export.csv')
      .set(admin('t_pol'))
      .set('If-Match', '"1"')
      .send({ limit: 7, window_seconds: 60 })
      .expect(409);
    expect(stale.body.error.code).toBe('rate_limit.version_conflict');
    const member = await t.http
      .put('/rate-limit/policies/x')
      .set(scopedHeaders({ tenant: 't_pol', role: 'member' }))
      .send({ limit: 1, window_seconds: 1 })
      .expect(403);
    expect(member.body.error.code).toBe('auth.insufficient_role');
    await putPolicy('t_pol', 'chat:post', 100);
    const page = await t.http
      .get('/rate-limit/policies?limit=1')
      .set(scopedHeaders({ tenant: 't_pol', role: 'viewer' }))
      .expect(200);
    expect((page.body.items as { action: string }[]).map((p) => p.action)).toEqual(['chat:post']);
    const next = await t.http
      .get(`/rate-limit/policies?limit=1&cursor=${page.body.next_cursor}`)
      .set(scopedHeaders({ tenant: 't_pol' }))
      .expect(200);
    expect(next.body).toMatchObject({
      items: [{ action: 'export.csv', limit: 6, version: 2 }],
      next_cursor: null,
    });
  });

  it('allows up to the limit, then answers 429 rate_limit.exceeded with Retry-After', async () => {
    await putPolicy('t_lim', 'login', 2);
    const ok = await consume('t_lim', { action: 'login', subject: 'ip:10.0.0.1' }).expect(200);
    expect(ok.body).toMatchObject({
      allowed: true,
      action: 'login',
      subject: 'ip:10.0.0.1',
      limit: 2,
      remaining: 1,
    });
    expect(Date.parse(ok.body.reset_at)).toBeGreaterThan(Date.now());
    await consume('t_lim', { action: 'login', subject: 'ip:10.0.0.1' }).expect(200);
    const refused = await consume('t_lim', { action: 'login', subject: 'ip:10.0.0.1' }).expect(429);
    expect(refused.body.error).toMatchObject({
      code: 'rate_limit.exceeded',
      details: { action: 'login', limit: 2 },
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await consume('t_lim', { action: 'login', subject: 'ip:10.0.0.2' }).expect(200);
  });

  it('answers 404 rate_limit.policy_not_found for an action without a policy, saying how to add one', async () => {
    const res = await consume('t_nopol', { action: 'unknown.action' }).expect(404);
    expect(res.body.error.code).toBe('rate_limit.policy_not_found');
    expect(res.body.error.message).toContain('PUT /rate-limit/policies/unknown.action');
  });

  it('keeps policies and counters of other tenants and projects apart', async () => {
    await putPolicy('t_iso_a', 'send', 1);
    await consume('t_iso_a', { action: 'send' }).expect(200);
    await consume('t_iso_a', { action: 'send' }).expect(429);
    await consume('t_iso_b', { action: 'send' }).expect(404);
    await consume('t_iso_a', { action: 'send' }, 'p_other').expect(404);
  });

  it('refuses bad bodies (400 validation.failed) and a cost above the limit (400 rate_limit.cost_exceeds_limit)', async () => {
    const bad = await consume('t_bad', { action: 'Bad Action', cost: 0, extra: 1 }).expect(400);
    expect(
      (bad.body.error.details.fields as { field: string }[]).map((f) => f.field).sort(),
    ).toEqual(['action', 'cost', 'extra']);
    await putPolicy('t_bad', 'tiny', 2);
    const tooBig = await consume('t_bad', { action: 'tiny', cost: 3 }).expect(400);
    expect(tooBig.body.error.code).toBe('rate_limit.cost_exceeds_limit');
    await t.http
      .put('/rate-limit/policies/p')
      .set(admin('t_bad'))
      .send({ limit: 0, window_seconds: 999_999 })
      .expect(400);
  });

  it.each(['firestore', 'redis'])(
    'allows exactly the limit out of 30 concurrent consumes (%s)',
    async (backend) => {
      const tenant = `t_conc_${backend}`;
      if (backend === 'redis') await t.putRoute(redisRoute(tenant));
      await putPolicy(tenant, 'burst', 10);
      const statuses = await Promise.all(
        Array.from({ length: 30 }, () =>
          consume(tenant, { action: 'burst' }).then((r) => r.status),
        ),
      );
      expect(statuses.sort()).toEqual([
        ...Array<number>(10).fill(200),
        ...Array<number>(20).fill(429),
      ]);
    },
  );

  it('keeps limiting while the tenant route switches firestore → redis → firestore; each backend keeps its own state', async () => {
    const tenant = 't_switch';
    await putPolicy(tenant, 'sw', 3);
    await consume(tenant, { action: 'sw' }).expect(200);
    expect((await consume(tenant, { action: 'sw' }).expect(200)).body.remaining).toBe(1);

    await t.putRoute(redisRoute(tenant));
    // Nothing is copied between backends: Redis has no policy for this tenant yet.
    await consume(tenant, { action: 'sw' }).expect(404);
    await putPolicy(tenant, 'sw', 3);
    const onRedis = [];
    for (let i = 0; i < 4; i += 1) onRedis.push((await consume(tenant, { action: 'sw' })).status);
    expect(onRedis).toEqual([200, 200, 200, 429]);

    await t.deleteRoute({
      resource_kind: 'rate_limit',
      tenant_id: tenant,
      env: 'test',
      project_id: null,
    });
    // Back on Firestore, the log there still holds the first two consumptions.
    expect((await consume(tenant, { action: 'sw' }).expect(200)).body.remaining).toBe(0);
    await consume(tenant, { action: 'sw' }).expect(429);
  });
});
