import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';
import { signToken } from '../utils/tokens';

describe('request context and auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const without = (name: string, headers = scopedHeaders()): Record<string, string> =>
    Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));

  /** Sends a request with an X-Request-Id and checks the envelope, its code and the echoed id. */
  async function expectError(
    req: ReturnType<TestApp['http']['get']>,
    status: number,
    code: string,
  ): Promise<void> {
    const res = await req.set('X-Request-Id', `rid-${code}`);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({
      error: {
        code,
        message: expect.any(String),
        details: expect.any(Object),
        request_id: `rid-${code}`,
      },
    });
    expect(res.headers['x-request-id']).toBe(`rid-${code}`);
  }

  it('no token: 401 auth.missing_token', () =>
    expectError(
      t.http.get('/feature-flags').set(without('Authorization')),
      401,
      'auth.missing_token',
    ));

  it('expired token: 401 auth.invalid_token', () =>
    expectError(
      t.http.get('/feature-flags').set({
        ...scopedHeaders(),
        Authorization: `Bearer ${signToken({ tenants: { t_acme: 'owner' }, expiresIn: -10 })}`,
      }),
      401,
      'auth.invalid_token',
    ));

  it('token signed with another secret: 401 auth.invalid_token', () =>
    expectError(
      t.http.get('/feature-flags').set({
        ...scopedHeaders(),
        Authorization: `Bearer ${signToken({ tenants: { t_acme: 'owner' } }, 'another-secret-another-secret-1234')}`,
      }),
      401,
      'auth.invalid_token',
    ));

  it('no X-Project-Id: 400 context.missing_project', () =>
    expectError(
      t.http.get('/feature-flags').set(without('X-Project-Id')),
      400,
      'context.missing_project',
    ));

  it('no X-Tenant-Id / X-Env: 400 context.missing_tenant / missing_env', async () => {
    await expectError(
      t.http.get('/feature-flags').set(without('X-Tenant-Id')),
      400,
      'context.missing_tenant',
    );
    await expectError(
      t.http.get('/feature-flags').set(without('X-Env')),
      400,
      'context.missing_env',
    );
  });

  it('malformed tenant, env or project: 400 context.invalid_*', async () => {
    await expectError(
      t.http.get('/feature-flags').set({ ...scopedHeaders(), 'X-Tenant-Id': 'acme' }),
      400,
      'context.invalid_tenant',
    );
    await expectError(
      t.http.get('/feature-flags').set({ ...scopedHeaders(), 'X-Env': 'qa' }),
      400,
      'context.invalid_env',
    );
    await expectError(
      t.http.get('/feature-flags').set({ ...scopedHeaders(), 'X-Project-Id': 'web' }),
      400,
      'context.invalid_project',
    );
  });

  it('X-Env other than the deployment env: 400 context.env_mismatch', () =>
    expectError(
      t.http.get('/feature-flags').set({ ...scopedHeaders(), 'X-Env': 'prod' }),
      400,
      'context.env_mismatch',
    ));

  it('tenant not in token: 403 auth.tenant_forbidden', () =>
    expectError(
      t.http.get('/feature-flags').set({ ...scopedHeaders(), 'X-Tenant-Id': 't_other' }),
      403,
      'auth.tenant_forbidden',
    ));

  it('project not allowed by the token: 403 auth.project_forbidden', () =>
    expectError(
      t.http
        .get('/feature-flags')
        .set(scopedHeaders({ claims: { projects: { t_acme: ['p_shop'] } } })),
      403,
      'auth.project_forbidden',
    ));

  it('query tenant differing from the header: 400 context.mismatch', () =>
    expectError(
      t.http.get('/feature-flags?tenant_id=t_other').set(scopedHeaders()),
      400,
      'context.mismatch',
    ));

  it('body project differing from the header: 400 context.mismatch', () =>
    expectError(
      t.http.put('/feature-flags').set(scopedHeaders()).send({ project_id: 'p_other' }),
      400,
      'context.mismatch',
    ));

  it('member doing an admin write: 403 auth.insufficient_role', () =>
    expectError(
      t.http
        .put('/feature-flags')
        .set(scopedHeaders({ role: 'member' }))
        .send({}),
      403,
      'auth.insufficient_role',
    ));

  it('roles come only from the token: a role header changes nothing', () =>
    expectError(
      t.http
        .put('/feature-flags')
        .set({ ...scopedHeaders({ role: 'viewer' }), 'X-Role': 'owner' })
        .send({}),
      403,
      'auth.insufficient_role',
    ));

  it('unknown path: 404 http.not_found in the envelope', () =>
    expectError(t.http.get('/nope'), 404, 'http.not_found'));

  it('malformed JSON: 400 validation.invalid_json in the envelope', () =>
    expectError(
      t.http
        .put('/feature-flags')
        .set(scopedHeaders())
        .set('Content-Type', 'application/json')
        .send('{"ws_enabled": tru'),
      400,
      'validation.invalid_json',
    ));

  it('generates a request id when none is sent and echoes it', async () => {
    const res = await t.http.get('/feature-flags').set(without('Authorization'));
    expect(res.body.error.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-request-id']).toBe(res.body.error.request_id);
  });

  it('stage is read as staging in X-Env (and still checked against the deployment env)', () =>
    expectError(
      t.http.get('/feature-flags').set({ ...scopedHeaders(), 'X-Env': 'stage' }),
      400,
      'context.env_mismatch',
    ));

  it('health needs no token', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
  });
});
