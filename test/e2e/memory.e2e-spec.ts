import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient } from '../utils/test-servers';

type Message = { id: string; content: string; role: string };

describe('memory over HTTP (Firestore registry and backend)', () => {
  let t: TestApp;
  const as = (over: Parameters<typeof scopedHeaders>[0] = {}) =>
    scopedHeaders({ tenant: 't_mem', role: 'member', ...over });
  const messages = (session: string, headers = as(), query = '') =>
    t.http.get(`/memory/sessions/${session}/messages${query}`).set(headers);

  beforeAll(async () => {
    t = await createTestApp({ registry: 'firestore', seed: 'firestore' });
  });
  afterAll(() => t.close());

  it('appends messages and lists them oldest first, after the last id seen', async () => {
    const post = async (role: string, content: string) =>
      (
        await t.http
          .post('/memory/sessions/chat-1/messages')
          .set(as())
          .send({ role, content, metadata: { n: [1, [2]] } })
          .expect(201)
      ).body as Message;
    const a = await post('user', 'hello');
    const b = await post('agent', 'hi there');
    const c = await post('system', 'note');
    const all = await messages('chat-1').expect(200);
    expect((all.body.items as Message[]).map((m) => m.id)).toEqual([a.id, b.id, c.id]);
    expect(all.body.items[0]).toMatchObject({
      role: 'user',
      content: 'hello',
      session_id: 'chat-1',
      metadata: { n: [1, [2]] },
    });
    expect(
      ((await messages('chat-1', as(), `?after=${a.id}`).expect(200)).body.items as Message[]).map(
        (m) => m.id,
      ),
    ).toEqual([b.id, c.id]);
    const page = await messages('chat-1', as(), '?limit=2').expect(200);
    const rest = await messages(
      'chat-1',
      as(),
      `?cursor=${page.body.next_cursor as string}`,
    ).expect(200);
    expect(rest.body).toEqual({
      items: [expect.objectContaining({ id: c.id })],
      next_cursor: null,
    });
  });

  it('keeps all 50 concurrent appends, in order of id', async () => {
    const sent = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.http
          .post('/memory/sessions/burst/messages')
          .set(as())
          .send({ role: 'user', content: `m${i}` })
          .expect(201),
      ),
    );
    const listed = (await messages('burst', as(), '?limit=200').expect(200)).body
      .items as Message[];
    expect(listed).toHaveLength(50);
    expect(listed.map((m) => m.id)).toEqual(sent.map((r) => (r.body as Message).id).sort());
  });

  it("hides a user's session from other users and other projects and tenants: they read it as empty", async () => {
    await t.http
      .post('/memory/sessions/private/messages')
      .set(as())
      .send({ role: 'user', content: 'mine' })
      .expect(201);
    const empty = { items: [], next_cursor: null };
    expect((await messages('private', as({ sub: 'u_bob' })).expect(200)).body).toEqual(empty);
    expect(
      (await messages('private', as({ sub: 'u_bob', role: 'owner' })).expect(200)).body,
    ).toEqual(empty);
    expect((await messages('private', as({ project: 'p_other' })).expect(200)).body).toEqual(empty);
    expect((await messages('private', as({ tenant: 't_mem_other' })).expect(200)).body).toEqual(
      empty,
    );
    expect((await messages('private').expect(200)).body.items).toHaveLength(1);
  });

  it('shares blackboards in a project with If-Match versions, and deletes them', async () => {
    const path = '/memory/blackboards/plan.v1';
    const put = await t.http
      .put(path)
      .set(as())
      .send({ data: { steps: [['a', 'b']] } })
      .expect(200);
    expect(put.headers.etag).toBe('"1"');
    const read = await t.http
      .get(path)
      .set(as({ sub: 'u_bob', role: 'viewer' }))
      .expect(200);
    expect(read.body).toMatchObject({
      key: 'plan.v1',
      data: { steps: [['a', 'b']] },
      version: 1,
      expires_at: null,
      updated_by: 'u_alice',
    });
    await t.http
      .put(path)
      .set(as({ sub: 'u_bob' }))
      .set('If-Match', '"1"')
      .send({ data: 2 })
      .expect(200);
    const stale = await t.http
      .put(path)
      .set(as())
      .set('If-Match', '"1"')
      .send({ data: 3 })
      .expect(409);
    expect(stale.body.error).toMatchObject({
      code: 'memory.version_conflict',
      details: { current_version: 2 },
    });
    expect(
      (
        await t.http
          .get(path)
          .set(as({ project: 'p_other' }))
          .expect(404)
      ).body.error.code,
    ).toBe('memory.not_found');
    await t.http
      .get(path)
      .set(as({ tenant: 't_mem_other' }))
      .expect(404);
    await t.http.delete(path).set(as()).set('If-Match', '"1"').expect(409);
    await t.http.delete(path).set(as()).expect(204);
    await t.http.get(path).set(as()).expect(404);
    await t.http.delete(path).set(as()).expect(404);
  });

  it('answers 404 for an expired blackboard even while its document still exists', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const put = await t.http
      .put('/memory/blackboards/lease')
      .set(as())
      .send({ data: 'x', expires_at: future })
      .expect(200);
    expect(put.body.expires_at).toBe(future);
    const db = newFirestoreClient({ projectId: t.firestoreProjectId });
    const ref = db.doc('tenants/t_mem/envs/test/projects/p_web/memory_blackboards/lease');
    try {
      await ref.update({ expires_at: '2020-01-01T00:00:00.000Z' });
      expect((await ref.get()).exists).toBe(true);
      expect(
        (await t.http.get('/memory/blackboards/lease').set(as()).expect(404)).body.error.message,
      ).toMatch(/expired/);
      await t.http
        .put('/memory/blackboards/lease')
        .set(as())
        .set('If-Match', '"1"')
        .send({ data: 'y' })
        .expect(409);
      expect(
        (await t.http.put('/memory/blackboards/lease').set(as()).send({ data: 'y' }).expect(200))
          .body.version,
      ).toBe(2);
    } finally {
      await db.terminate();
    }
  });

  it('refuses bad input with 400 validation.failed', async () => {
    const bad = await t.http
      .post('/memory/sessions/s1/messages')
      .set(as())
      .send({ role: 'robot', content: 'x'.repeat(32_001), metadata: [1], extra: true })
      .expect(400);
    const fields = (bad.body.error.details.fields as { field: string }[])
      .map((f) => f.field)
      .sort();
    expect(fields).toEqual(['content', 'extra', 'metadata', 'role']);
    await t.http
      .post('/memory/sessions/_bad/messages')
      .set(as())
      .send({ role: 'user', content: 'x' })
      .expect(400);
    await messages('s1', as(), '?after=123').expect(400);
    await messages('s1', as(), '?after=00000000000000000000000000&cursor=abc').expect(400);
    await t.http.put('/memory/blackboards/k').set(as()).send({}).expect(400);
    await t.http
      .put('/memory/blackboards/k')
      .set(as())
      .send({ data: 1, expires_at: '2020-01-01T00:00:00Z' })
      .expect(400);
    await t.http
      .put('/memory/blackboards/k')
      .set(as())
      .send({ data: 1, expires_at: '2030-01-01T00:00:00' })
      .expect(400);
    await t.http
      .put('/memory/blackboards/k')
      .set(as())
      .set('If-Match', 'v1')
      .send({ data: 1 })
      .expect(400);
  });

  it('needs member to write and viewer to read', async () => {
    const viewer = as({ role: 'viewer' });
    await t.http
      .post('/memory/sessions/s1/messages')
      .set(viewer)
      .send({ role: 'user', content: 'x' })
      .expect(403);
    await t.http.put('/memory/blackboards/k').set(viewer).send({ data: 1 }).expect(403);
    await t.http.delete('/memory/blackboards/k').set(viewer).expect(403);
    await messages('s1', viewer).expect(200);
  });
});
