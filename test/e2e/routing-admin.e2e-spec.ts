import { freePort } from '../../tools/local-servers';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { signToken } from '../utils/tokens';

describe('registry admin API', () => {
  let t: TestApp;
  const admin = { Authorization: `Bearer ${signToken({ sub: 'u_ops', registry_admin: true })}` };
  const owner = {
    Authorization: `Bearer ${signToken({ sub: 'u_owner', tenants: { t_acme: 'owner' } })}`,
  };
  const member = {
    Authorization: `Bearer ${signToken({ sub: 'u_member', tenants: { t_acme: 'member' } })}`,
  };
  const path = (tenant: string, env = 'test', project = '*', kind = 'feature_flags') =>
    `/routing/routes/${kind}/${tenant}/${env}/${project}`;
  const firestoreBody = (prefix: string) => ({
    backend_type: 'firestore',
    config: { project_id: t.firestoreProjectId, collection_prefix: prefix },
    rationale: `to ${prefix}`,
  });

  beforeAll(async () => {
    t = await createTestApp({ registry: 'firestore', seed: 'memory' });
  });
  afterAll(() => t.close());

  it('refuses a memory route for prod with 422 routing.policy_violation listing the problem', async () => {
    const res = await t.http
      .put(path('t_acme', 'prod'))
      .set(admin)
      .send({ backend_type: 'memory' })
      .expect(422);
    expect(res.body.error.code).toBe('routing.policy_violation');
    expect(res.body.error.details.problems).toEqual([
      {
        resource_kind: 'feature_flags',
        scope: 't_acme/prod/*',
        message:
          'backend_type "memory" is not allowed in prod: use a durable backend (firestore, redis or s3)',
      },
    ]);
  });

  it('creates, reads with an ETag, and refuses a stale If-Match with 409 routing.version_conflict', async () => {
    const created = await t.http
      .put(path('t_etag'))
      .set(admin)
      .send(firestoreBody('a'))
      .expect(200);
    expect(created.body).toMatchObject({
      version: 1,
      updated_by: 'u_ops',
      tenant_id: 't_etag',
      project_id: null,
    });
    const read = await t.http.get(path('t_etag')).set(admin).expect(200);
    expect(read.headers.etag).toBe('"1"');
    await t.http
      .put(path('t_etag'))
      .set(admin)
      .set('If-Match', '1')
      .send(firestoreBody('b'))
      .expect(200);
    const stale = await t.http
      .put(path('t_etag'))
      .set(admin)
      .set('If-Match', '"1"')
      .send(firestoreBody('c'))
      .expect(409);
    expect(stale.body.error).toMatchObject({
      code: 'routing.version_conflict',
      details: { expected_version: 1, current_version: 2 },
    });
  });

  it('refuses writes without registry_admin (403) and lets a tenant owner read only their tenant', async () => {
    expect(
      (await t.http.put(path('t_acme')).set(owner).send(firestoreBody('x')).expect(403)).body.error
        .code,
    ).toBe('auth.registry_admin_required');
    await t.http.put(path('t_acme')).set(admin).send(firestoreBody('acme')).expect(200);
    await t.http.get(path('t_acme')).set(owner).expect(200);
    await t.http.get('/routing/routes?tenant_id=t_acme').set(owner).expect(200);
    expect((await t.http.get('/routing/routes').set(owner).expect(403)).body.error.code).toBe(
      'auth.registry_admin_required',
    );
    expect((await t.http.get(path('t_acme')).set(member).expect(403)).body.error.code).toBe(
      'auth.insufficient_role',
    );
    expect((await t.http.get(path('t_etag')).set(owner).expect(403)).body.error.code).toBe(
      'auth.insufficient_role',
    );
  });

  it('lists history create → update → rollback in order, and rollback restores the old route', async () => {
    const p = path('t_hist');
    const v1 = await t.http.put(p).set(admin).send(firestoreBody('one')).expect(200);
    await t.http.put(p).set(admin).send(firestoreBody('two')).expect(200);
    const revisions = await t.http
      .get('/routing/history?resource_kind=feature_flags&tenant_id=t_hist&env=test&project_id=*')
      .set(admin)
      .expect(200);
    const firstRevision = (
      revisions.body.items as { registry_version: number; after: unknown }[]
    ).at(-1);
    expect(firstRevision?.after).toMatchObject({
      config: { collection_prefix: 'one' },
      version: v1.body.version,
    });
    const rolled = await t.http
      .post('/routing/rollback')
      .set(admin)
      .send({ registry_version: firstRevision?.registry_version, reason: 'undo' })
      .expect(200);
    expect(rolled.body).toMatchObject({
      action: 'put',
      route: { version: 3, config: { collection_prefix: 'one' } },
    });
    const history = await t.http.get('/routing/history?tenant_id=t_hist').set(admin).expect(200);
    const items = history.body.items as {
      action: string;
      before: { config: object } | null;
      after: { config: { collection_prefix: string } };
      reason: string;
      actor: string;
    }[];
    expect(
      items.map((r) => [r.before === null ? 'create' : 'update', r.after.config.collection_prefix]),
    ).toEqual([
      ['update', 'one'],
      ['update', 'two'],
      ['create', 'one'],
    ]);
    expect(items[0]).toMatchObject({ reason: 'undo', actor: 'u_ops' });
  });

  it('plans a batch: names the tenants that would change backend, reports problems, writes nothing', async () => {
    await t.http.put(path('t_plan_a')).set(admin).send(firestoreBody('pa')).expect(200);
    const before = (await t.http.get('/routing/status').set(admin).expect(200)).body
      .applied_version;
    const res = await t.http
      .post('/routing/plan')
      .set(admin)
      .send({
        changes: [
          {
            op: 'put',
            route: {
              resource_kind: 'feature_flags',
              tenant_id: 't_plan_a',
              env: 'test',
              ...firestoreBody('moved'),
            },
          },
          {
            op: 'put',
            route: {
              resource_kind: 'feature_flags',
              tenant_id: 't_plan_b',
              env: 'test',
              project_id: 'p_web',
              backend_type: 'memory',
            },
          },
          {
            op: 'put',
            route: {
              resource_kind: 'feature_flags',
              tenant_id: 't_plan_c',
              env: 'prod',
              backend_type: 'memory',
            },
          },
        ],
      })
      .expect(200);
    expect(res.body.tenants).toEqual(expect.arrayContaining(['t_plan_a', 't_plan_b']));
    expect(res.body.moves).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          resource_kind: 'feature_flags',
          scope: 't_plan_a/test/*',
          before: expect.objectContaining({
            config: expect.objectContaining({ collection_prefix: 'pa' }),
          }),
        }),
      ]),
    );
    expect(res.body.problems).toEqual([
      expect.objectContaining({
        scope: 't_plan_c/prod/*',
        message: expect.stringContaining('"memory" is not allowed in prod'),
      }),
    ]);
    expect((await t.http.get('/routing/status').set(admin).expect(200)).body.applied_version).toBe(
      before,
    );
    await t.http
      .get(path('t_plan_b', 'test', 'p_web'))
      .set(admin)
      .expect(404);
  });

  it('refuses a delete that breaks coverage (409) unless forced', async () => {
    const system = path('t_system');
    const res = await t.http.delete(system).set(admin).expect(409);
    expect(res.body.error).toMatchObject({ code: 'routing.would_break_coverage' });
    expect(res.body.error.message).toContain('feature_flags @ t_system/test/*');
    await t.http.put(path('t_gone')).set(admin).send(firestoreBody('g')).expect(200);
    await t.http.delete(path('t_gone')).set(admin).expect(200);
    expect((await t.http.get(path('t_gone')).set(admin).expect(404)).body.error.code).toBe(
      'routing.route_not_found',
    );
  });

  it('resolves a kind at a scope, naming every scope tried', async () => {
    await t.http
      .put(path('t_res', 'test', 'p_web'))
      .set(admin)
      .send(firestoreBody('r'))
      .expect(200);
    const hit = await t.http
      .get('/routing/resolve?resource_kind=feature_flags&tenant_id=t_res&env=test&project_id=p_web')
      .set(admin)
      .expect(200);
    expect(hit.body).toMatchObject({
      matched_scope: 't_res/test/p_web',
      tried: ['t_res/test/p_web'],
    });
    const fallback = await t.http
      .get(
        '/routing/resolve?resource_kind=feature_flags&tenant_id=t_res&env=test&project_id=p_shop',
      )
      .set(admin)
      .expect(200);
    expect(fallback.body).toMatchObject({
      matched_scope: 't_system/test/*',
      tried: ['t_res/test/p_shop', 't_res/test/*', 't_system/test/*'],
    });
    const miss = await t.http
      .get('/routing/resolve?resource_kind=feature_flags&tenant_id=t_res&env=prod')
      .set(admin)
      .expect(200);
    expect(miss.body).toEqual({
      route: null,
      matched_scope: null,
      tried: ['t_res/prod/*', 't_system/prod/*'],
    });
  });

  it('reports coverage per mounted kind and scope, and the instance status', async () => {
    const coverage = await t.http.get('/routing/coverage?env=prod').set(admin).expect(200);
    expect(coverage.body.items).toContainEqual(
      expect.objectContaining({
        resource_kind: 'feature_flags',
        scope: 't_system/prod/*',
        status: 'missing',
      }),
    );
    const here = await t.http.get('/routing/coverage').set(admin).expect(200);
    expect(here.body.items).toContainEqual(
      expect.objectContaining({
        resource_kind: 'feature_flags',
        scope: 't_system/test/*',
        status: 'resolved',
      }),
    );
    const status = await t.http.get('/routing/status').set(admin).expect(200);
    expect(status.body).toMatchObject({
      env: 'test',
      stale: false,
      staleness_seconds: 0,
      instance_id: expect.any(String),
    });
    expect(status.body.applied_version).toBeGreaterThan(0);
  });

  it('probes the backend before committing: an unreachable one is 422 routing.backend_unreachable and nothing is written', async () => {
    const port = await freePort();
    const res = await t.http
      .put(path('t_probe', 'test', '*', 'feature_flags'))
      .set(admin)
      .send({ backend_type: 'firestore', config: { project_id: 'x' } })
      .expect(200);
    expect(res.body.version).toBe(1);
    const dead = await t.http
      .put('/routing/routes/rate_limit/t_probe/test/*')
      .set(admin)
      .send({ backend_type: 'redis', config: { host: '127.0.0.1', port } });
    expect(dead.body.error.message).toContain('did not answer a probe');
    expect(dead.status).toBe(422);
    expect(dead.body.error.code).toBe('routing.backend_unreachable');
    await t.http.get(`/routing/routes/rate_limit/t_probe/test/*`).set(admin).expect(404);
  });

  it('exposes Prometheus metrics: registry version, policy rejections, resolutions by kind and backend', async () => {
    await t.http
      .put(path('t_metrics', 'prod'))
      .set(admin)
      .send({ backend_type: 'memory' })
      .expect(422);
    await t.http
      .get('/feature-flags')
      .set({ ...owner, 'X-Tenant-Id': 't_acme', 'X-Env': 'test', 'X-Project-Id': 'p_web' })
      .expect(200);
    const text = (await t.http.get('/metrics').expect(200)).text;
    const version = (await t.http.get('/routing/status').set(admin)).body.applied_version as number;
    expect(text).toContain(`routing_registry_version ${version}`);
    expect(text).toMatch(/routing_policy_rejections_total\{source="write"\} [1-9]/);
    expect(text).toMatch(
      /routing_resolutions_total\{resource_kind="feature_flags",backend_type="memory"\} [1-9]/,
    );
    expect(text).toContain('routing_registry_staleness_seconds 0');
  });

  it('forces a delete that breaks coverage with ?force=true', async () => {
    await t.http.put(path('t_system', 'dev')).set(admin).send(firestoreBody('dev')).expect(200);
    expect(
      (await t.http.delete(path('t_system', 'dev')).set(admin).expect(409)).body.error.code,
    ).toBe('routing.would_break_coverage');
    const res = await t.http
      .delete(`${path('t_system', 'dev')}?force=true&reason=retire`)
      .set(admin)
      .expect(200);
    expect(res.body.deleted).toMatchObject({ tenant_id: 't_system', env: 'dev' });
  });

  it('publishes OpenAPI at /docs covering the admin API and the features', async () => {
    const doc = await t.http.get('/docs-json').expect(200);
    const paths = Object.keys(doc.body.paths as object);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/routing/status',
        '/routing/plan',
        '/feature-flags',
        '/health/ready',
      ]),
    );
    await t.http.get('/docs').expect(200);
  });

  it('validates path and query: 400 validation.failed', async () => {
    expect(
      (await t.http.get('/routing/routes/Bad/t_acme/test/*').set(admin).expect(400)).body.error
        .code,
    ).toBe('validation.failed');
    expect(
      (await t.http.get('/routing/routes?limit=500').set(admin).expect(400)).body.error.code,
    ).toBe('validation.failed');
    expect(
      (
        await t.http
          .put(path('t_x'))
          .set(admin)
          .send({ backend_type: 'firestore', colour: 1 })
          .expect(400)
      ).body.error.code,
    ).toBe('validation.failed');
  });
});
