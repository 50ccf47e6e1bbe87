import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient } from '../utils/test-servers';

describe('feature_flags over HTTP (Firestore registry and backend)', () => {
  let t: TestApp;
  const boot = (projectId?: string) =>
    createTestApp({ registry: 'firestore', seed: 'firestore', firestoreProjectId: projectId });

  beforeAll(async () => {
    t = await boot();
  });
  afterAll(() => t.close());

  it('answers built-in defaults with source "default" when no level has a document', async () => {
    const res = await t.http
      .get('/feature-flags')
      .set(scopedHeaders({ tenant: 't_fresh' }))
      .expect(200);
    expect(res.body).toMatchObject({
      source: 'default',
      version: null,
      flags: { ws_enabled: false, replay_mode: 'off' },
    });
  });

  it('keeps flags saved by an admin across an app restart and says which level they came from', async () => {
    const admin = scopedHeaders({ tenant: 't_persist', role: 'admin' });
    await t.http
      .put('/feature-flags')
      .set(admin)
      .send({ ws_enabled: true, replay_mode: 'stream' })
      .expect(200);
    await t.close();
    t = await boot(t.firestoreProjectId);
    const res = await t.http
      .get('/feature-flags')
      .set(scopedHeaders({ tenant: 't_persist', role: 'viewer' }))
      .expect(200);
    expect(res.body).toMatchObject({
      source: 'project',
      version: 1,
      flags: { ws_enabled: true, replay_mode: 'stream' },
    });
  });

  it('stores the document under the tenant/env/project scope, visible to an independent client', async () => {
    await t.http
      .put('/feature-flags')
      .set(scopedHeaders({ tenant: 't_visible', project: 'p_shop' }))
      .send({ sse_enabled: true })
      .expect(200);
    const db = newFirestoreClient({ projectId: t.firestoreProjectId });
    try {
      const snap = await db
        .doc('tenants/t_visible/envs/test/projects/p_shop/feature_flags/flags')
        .get();
      expect(snap.exists).toBe(true);
      expect(snap.get('flags.sse_enabled')).toBe(true);
      expect(snap.get('tenant_id')).toBe('t_visible');
    } finally {
      await db.terminate();
    }
  });

  it('falls back project → tenant → t_system → defaults', async () => {
    const tenant = 't_chain';
    await t.http
      .put('/feature-flags?level=tenant')
      .set(scopedHeaders({ tenant: 't_system' }))
      .send({ custom: { from: 'system' } })
      .expect(200);
    let res = await t.http.get('/feature-flags').set(scopedHeaders({ tenant })).expect(200);
    expect(res.body).toMatchObject({ source: 'system', flags: { custom: { from: 'system' } } });
    await t.http
      .put('/feature-flags?level=tenant')
      .set(scopedHeaders({ tenant }))
      .send({ custom: { from: 'tenant' } })
      .expect(200);
    res = await t.http.get('/feature-flags').set(scopedHeaders({ tenant })).expect(200);
    expect(res.body).toMatchObject({ source: 'tenant', flags: { custom: { from: 'tenant' } } });
    await t.http
      .put('/feature-flags')
      .set(scopedHeaders({ tenant }))
      .send({ custom: { from: 'project' } })
      .expect(200);
    res = await t.http.get('/feature-flags').set(scopedHeaders({ tenant })).expect(200);
    expect(res.body).toMatchObject({ source: 'project', flags: { custom: { from: 'project' } } });
    res = await t.http
      .get('/feature-flags')
      .set(scopedHeaders({ tenant, project: 'p_other' }))
      .expect(200);
    expect(res.body.source).toBe('tenant');
  });

  it('honours If-Match: the current version writes, a stale one is 409 feature_flags.version_conflict', async () => {
    const h = scopedHeaders({ tenant: 't_ifmatch' });
    const first = await t.http.put('/feature-flags').set(h).send({}).expect(200);
    expect(first.headers.etag).toBe('"1"');
    await t.http
      .put('/feature-flags')
      .set(h)
      .set('If-Match', '"1"')
      .send({ ws_enabled: true })
      .expect(200);
    const stale = await t.http
      .put('/feature-flags')
      .set(h)
      .set('If-Match', '"1"')
      .send({})
      .expect(409);
    expect(stale.body.error).toMatchObject({
      code: 'feature_flags.version_conflict',
      details: { current_version: 2 },
    });
  });

  it('refuses bad bodies with 400 validation.failed naming the fields', async () => {
    const res = await t.http
      .put('/feature-flags')
      .set(scopedHeaders())
      .send({ replay_mode: 'sideways', extra: 1, custom: { 'Bad Key': true } })
      .expect(400);
    expect(res.body.error.code).toBe('validation.failed');
    const fields = (res.body.error.details.fields as { field: string }[])
      .map((f) => f.field)
      .sort();
    expect(fields).toEqual(['custom', 'extra', 'replay_mode']);
  });

  it('needs admin to write and viewer to read', async () => {
    const member = await t.http
      .put('/feature-flags')
      .set(scopedHeaders({ role: 'member' }))
      .send({})
      .expect(403);
    expect(member.body.error.code).toBe('auth.insufficient_role');
    await t.http
      .get('/feature-flags')
      .set(scopedHeaders({ role: 'viewer' }))
      .expect(200);
  });

  it('keeps tenants apart: a project flag of one tenant is invisible to another', async () => {
    await t.http
      .put('/feature-flags')
      .set(scopedHeaders({ tenant: 't_iso_a' }))
      .send({ ws_enabled: true })
      .expect(200);
    const other = await t.http
      .get('/feature-flags')
      .set(scopedHeaders({ tenant: 't_iso_b' }))
      .expect(200);
    expect(other.body.flags.ws_enabled).toBe(false);
  });

  it('reads and writes the backend a project route names, not the tenant default', async () => {
    const projectRoute = route({
      resource_kind: 'feature_flags',
      tenant_id: 't_routed',
      project_id: 'p_special',
      backend_type: 'firestore',
      config: { project_id: t.firestoreProjectId, collection_prefix: 'special' },
    });
    await t.putRoute(projectRoute);
    await t.http
      .put('/feature-flags')
      .set(scopedHeaders({ tenant: 't_routed', project: 'p_special' }))
      .send({ gesture_logging: true })
      .expect(200);
    const db = newFirestoreClient({ projectId: t.firestoreProjectId });
    try {
      const path = (root: string) =>
        `${root}/t_routed/envs/test/projects/p_special/feature_flags/flags`;
      expect((await db.doc(path('special_tenants')).get()).exists).toBe(true);
      expect((await db.doc(path('tenants')).get()).exists).toBe(false);
    } finally {
      await db.terminate();
    }
  });
  describe('PATCH /feature-flags (JSON Merge Patch, RFC 7396)', () => {
    it('PUT replaces: flags not sent go back to their defaults', async () => {
      const h = scopedHeaders({ tenant: 't_put_replaces' });
      await t.http.put('/feature-flags').set(h).send({ ws_enabled: true }).expect(200);
      const res = await t.http.put('/feature-flags').set(h).send({ sse_enabled: true }).expect(200);
      expect(res.body.flags).toMatchObject({ ws_enabled: false, sse_enabled: true });
    });

    it('changes only the flags sent; null puts a flag back to its default and drops a custom key', async () => {
      const h = scopedHeaders({ tenant: 't_patch' });
      await t.http
        .put('/feature-flags')
        .set(h)
        .send({ ws_enabled: true, replay_mode: 'stream', custom: { a: 1, b: 'x' } })
        .expect(200);
      const res = await t.http
        .patch('/feature-flags')
        .set(h)
        .set('Content-Type', 'application/merge-patch+json')
        .send(
          JSON.stringify({ sse_enabled: true, replay_mode: null, custom: { b: null, c: true } }),
        )
        .expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ version: 2, level: 'project' });
      expect(res.body.flags).toEqual({
        ws_enabled: true,
        sse_enabled: true,
        gesture_logging: false,
        replay_mode: 'off',
        visibility_mode: 'private',
        custom: { a: 1, c: true },
      });
      const read = await t.http.get('/feature-flags').set(h).expect(200);
      expect(read.body.flags).toEqual(res.body.flags);
    });

    it('accepts application/json too, and patches the tenant level with ?level=tenant', async () => {
      const h = scopedHeaders({ tenant: 't_patch_json' });
      const res = await t.http
        .patch('/feature-flags?level=tenant')
        .set(h)
        .send({ gesture_logging: true })
        .expect(200);
      expect(res.body).toMatchObject({
        level: 'tenant',
        version: 1,
        flags: { gesture_logging: true },
      });
    });

    it('honours If-Match: a stale version is 409 feature_flags.version_conflict', async () => {
      const h = scopedHeaders({ tenant: 't_patch_ifmatch' });
      await t.http.patch('/feature-flags').set(h).send({ ws_enabled: true }).expect(200);
      await t.http
        .patch('/feature-flags')
        .set(h)
        .set('If-Match', '"1"')
        .send({ sse_enabled: true })
        .expect(200);
      const stale = await t.http
        .patch('/feature-flags')
        .set(h)
        .set('If-Match', '"1"')
        .send({ ws_enabled: false })
        .expect(409);
      expect(stale.body.error).toMatchObject({
        code: 'feature_flags.version_conflict',
        details: { current_version: 2 },
      });
    });

    it('refuses other media types with 415, bad values with 400, and members with 403', async () => {
      const h = scopedHeaders({ tenant: 't_patch_bad' });
      const media = await t.http
        .patch('/feature-flags')
        .set(h)
        .set('Content-Type', 'text/plain')
        .send('ws_enabled=true')
        .expect(415);
      expect(media.body.error.code).toBe('http.unsupported_media_type');
      const bad = await t.http
        .patch('/feature-flags')
        .set(h)
        .set('Content-Type', 'application/merge-patch+json')
        .send(JSON.stringify({ replay_mode: 'sideways', custom: { ok: null, 'Bad Key': 1 } }))
        .expect(400);
      const fields = (bad.body.error.details.fields as { field: string }[])
        .map((f) => f.field)
        .sort();
      expect(fields).toEqual(['custom', 'replay_mode']);
      const broken = await t.http
        .patch('/feature-flags')
        .set(h)
        .set('Content-Type', 'application/merge-patch+json')
        .send('{"ws_enabled": tru')
        .expect(400);
      expect(broken.body.error.request_id).toEqual(expect.any(String));
      await t.http
        .patch('/feature-flags')
        .set(scopedHeaders({ tenant: 't_patch_bad', role: 'member' }))
        .send({ ws_enabled: true })
        .expect(403);
    });
  });
});
