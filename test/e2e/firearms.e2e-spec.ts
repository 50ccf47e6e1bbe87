import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';

const inHours = (h: number): string => new Date(Date.now() + h * 3_600_000).toISOString();
const admin = (over: Parameters<typeof scopedHeaders>[0] = {}) =>
  scopedHeaders({ role: 'admin', sub: 'u_admin', ...over });
const member = (over: Parameters<typeof scopedHeaders>[0] = {}) =>
  scopedHeaders({ role: 'member', sub: 'u_member', ...over });
const viewer = (over: Parameters<typeof scopedHeaders>[0] = {}) =>
  scopedHeaders({ role: 'viewer', sub: 'u_viewer', ...over });

describe('firearms over HTTP (memory backend)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const issue = (body: Record<string, unknown>, headers = admin()) =>
    t.http
      .post('/firearms/licences')
      .set(headers)
      .send({
        subject_type: 'agent',
        subject_id: 'agent_1',
        level: 'medium',
        expires_at: inHours(1),
        ...body,
      });

  it('lets an admin configure actions that viewers can read, and honours If-Match', async () => {
    const h = admin({ tenant: 't_fa_actions' });
    const put = await t.http
      .put('/firearms/actions/deploy:prod')
      .set(h)
      .send({ required_level: 'high' })
      .expect(200);
    expect(put.headers.etag).toBe('"1"');
    await t.http
      .put('/firearms/actions/deploy:prod')
      .set(h)
      .set('If-Match', '"1"')
      .send({ required_level: 'medium' })
      .expect(200);
    const stale = await t.http
      .put('/firearms/actions/deploy:prod')
      .set(h)
      .set('If-Match', '"1"')
      .send({ required_level: 'low' })
      .expect(409);
    expect(stale.body.error.code).toBe('firearms.version_conflict');
    await t.http
      .put('/firearms/actions/db.drop')
      .set(h)
      .send({ required_level: 'low' })
      .expect(200);
    const v = viewer({ tenant: 't_fa_actions' });
    const page1 = await t.http.get('/firearms/actions?limit=1').set(v).expect(200);
    expect((page1.body.items as { action: string }[]).map((a) => a.action)).toEqual(['db.drop']);
    const page2 = await t.http
      .get(`/firearms/actions?limit=1&cursor=${page1.body.next_cursor as string}`)
      .set(v)
      .expect(200);
    expect(page2.body).toMatchObject({
      items: [{ action: 'deploy:prod', required_level: 'medium', version: 2 }],
      next_cursor: null,
    });
    await t.http.get('/firearms/actions/deploy:prod').set(v).expect(200);
    const missing = await t.http.get('/firearms/actions/never.set').set(v).expect(404);
    expect(missing.body.error.code).toBe('firearms.not_found');
  });

  it('needs admin to configure, issue and revoke; viewers may read and check', async () => {
    const m = member({ tenant: 't_fa_roles' });
    for (const res of [
      await t.http.put('/firearms/actions/x.y').set(m).send({ required_level: 'low' }),
      await issue({}, m),
      await t.http.post('/firearms/licences/01j0000000000000000000000a/revoke').set(m).send({}),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('auth.insufficient_role');
    }
    await t.http
      .get('/firearms/licences')
      .set(viewer({ tenant: 't_fa_roles' }))
      .expect(200);
    await t.http
      .get('/firearms/check?subject_type=agent&subject_id=a&action=x.y')
      .set(viewer({ tenant: 't_fa_roles' }))
      .expect(200);
  });

  it('lets an admin grant a licence to themselves (the self-grant rule binds non-admins only)', async () => {
    const res = await issue(
      { subject_type: 'user', subject_id: 'u_admin' },
      admin({ tenant: 't_fa_self' }),
    ).expect(201);
    expect(res.body).toMatchObject({
      subject_type: 'user',
      subject_id: 'u_admin',
      issued_by: 'u_admin',
      status: 'active',
      version: 1,
    });
  });

  it('checks, revokes once and reports the revoked status', async () => {
    const tenant = 't_fa_flow';
    await t.http
      .put('/firearms/actions/deploy:prod')
      .set(admin({ tenant }))
      .send({ required_level: 'medium' })
      .expect(200);
    const check = () =>
      t.http
        .get('/firearms/check?subject_type=agent&subject_id=agent_1&action=deploy:prod')
        .set(viewer({ tenant }))
        .expect(200);
    expect((await check()).body).toEqual({
      allowed: false,
      required_level: 'medium',
      licence_id: null,
      reason: 'no_valid_licence',
    });
    const licence = await issue({ level: 'high' }, admin({ tenant })).expect(201);
    expect((await check()).body).toEqual({
      allowed: true,
      required_level: 'medium',
      licence_id: licence.body.id,
      reason: 'licence_valid',
    });
    const revoked = await t.http
      .post(`/firearms/licences/${licence.body.id as string}/revoke`)
      .set(admin({ tenant }))
      .send({ reason: 'rotated' })
      .expect(200);
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      revoked_by: 'u_admin',
      revoke_reason: 'rotated',
      version: 2,
    });
    const again = await t.http
      .post(`/firearms/licences/${licence.body.id as string}/revoke`)
      .set(admin({ tenant }))
      .expect(409);
    expect(again.body.error.code).toBe('firearms.already_revoked');
    expect((await check()).body).toMatchObject({ allowed: false });
    const unconfigured = await t.http
      .get('/firearms/check?subject_type=agent&subject_id=agent_1&action=other.thing')
      .set(viewer({ tenant }))
      .expect(200);
    expect(unconfigured.body).toMatchObject({
      allowed: false,
      required_level: null,
      reason: 'action_not_configured',
    });
  });

  it('lists licences newest first, filtered by subject', async () => {
    const tenant = 't_fa_list';
    const a = await issue({ subject_id: 'agent_a' }, admin({ tenant })).expect(201);
    await issue({ subject_id: 'agent_b' }, admin({ tenant })).expect(201);
    const b2 = await issue({ subject_id: 'agent_b' }, admin({ tenant })).expect(201);
    const all = await t.http.get('/firearms/licences?limit=2').set(viewer({ tenant })).expect(200);
    expect(all.body.items[0].id).toBe(b2.body.id);
    expect(all.body.next_cursor).toEqual(expect.any(String));
    const onlyA = await t.http
      .get('/firearms/licences?subject_type=agent&subject_id=agent_a')
      .set(viewer({ tenant }))
      .expect(200);
    expect(onlyA.body).toEqual({ items: [a.body], next_cursor: null });
  });

  it('refuses bad input with 400 validation.failed naming the fields', async () => {
    const bad = await issue({
      subject_type: 'robot',
      level: 'extreme',
      expires_at: 'tomorrow',
      extra: 1,
    }).expect(400);
    expect(bad.body.error.code).toBe('validation.failed');
    const fields = (bad.body.error.details.fields as { field: string }[])
      .map((f) => f.field)
      .sort();
    expect(fields).toEqual(['expires_at', 'extra', 'level', 'subject_type']);
    const past = await issue({ expires_at: inHours(-1) }).expect(400);
    expect(past.body.error.details.fields[0].field).toBe('expires_at');
    expect(past.body.error.message).toMatch(/in the future/);
    await t.http.get('/firearms/check?subject_type=agent&action=x').set(viewer()).expect(400);
    await t.http.get('/firearms/licences/not-an-id').set(viewer()).expect(400);
    const action = await t.http
      .put('/firearms/actions/Bad_Action')
      .set(admin())
      .send({ required_level: 'low' })
      .expect(400);
    expect(action.body.error.details.fields[0].field).toBe('action');
  });

  it('keeps tenants and projects apart: a licence is 404 elsewhere and allows nothing there', async () => {
    const licence = await issue({}, admin({ tenant: 't_fa_iso_a' })).expect(201);
    const path = `/firearms/licences/${licence.body.id as string}`;
    for (const h of [
      viewer({ tenant: 't_fa_iso_b' }),
      viewer({ tenant: 't_fa_iso_a', project: 'p_other' }),
    ]) {
      const res = await t.http.get(path).set(h).expect(404);
      expect(res.body.error.code).toBe('firearms.not_found');
    }
    await t.http
      .post(`${path}/revoke`)
      .set(admin({ tenant: 't_fa_iso_b' }))
      .expect(404);
    await t.http
      .put('/firearms/actions/deploy:prod')
      .set(admin({ tenant: 't_fa_iso_b' }))
      .send({ required_level: 'low' })
      .expect(200);
    const check = await t.http
      .get('/firearms/check?subject_type=agent&subject_id=agent_1&action=deploy:prod')
      .set(viewer({ tenant: 't_fa_iso_b' }))
      .expect(200);
    expect(check.body.allowed).toBe(false);
  });
});

describe('firearms over HTTP (Firestore registry and backend)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ registry: 'firestore', seed: 'firestore' });
  });
  afterAll(() => t.close());

  it('issues, checks, lists and revokes licences stored in Firestore', async () => {
    const tenant = 't_fa_durable';
    await t.http
      .put('/firearms/actions/tool.shell')
      .set(admin({ tenant }))
      .send({ required_level: 'low' })
      .expect(200);
    const licence = await t.http
      .post('/firearms/licences')
      .set(admin({ tenant }))
      .send({ subject_type: 'tool', subject_id: 'shell', level: 'low', expires_at: inHours(2) })
      .expect(201);
    const check = await t.http
      .get('/firearms/check?subject_type=tool&subject_id=shell&action=tool.shell')
      .set(viewer({ tenant }))
      .expect(200);
    expect(check.body).toMatchObject({ allowed: true, licence_id: licence.body.id });
    const list = await t.http
      .get('/firearms/licences?subject_type=tool&subject_id=shell')
      .set(viewer({ tenant }))
      .expect(200);
    expect(list.body.items).toHaveLength(1);
    await t.http
      .post(`/firearms/licences/${licence.body.id as string}/revoke`)
      .set(admin({ tenant }))
      .expect(200);
    const after = await t.http
      .get('/firearms/check?subject_type=tool&subject_id=shell&action=tool.shell')
      .set(viewer({ tenant }))
      .expect(200);
    expect(after.body).toMatchObject({ allowed: false, reason: 'no_valid_licence' });
    await t.http
      .get(`/firearms/licences/${licence.body.id as string}`)
      .set(viewer({ tenant: 't_fa_other' }))
      .expect(404);
  });
});
