import { SORTABLE_ID_FORMAT } from '../../src/common/ids/sortable-id';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient } from '../utils/test-servers';

describe('realtime_registry over HTTP (Firestore registry and backend)', () => {
  let t: TestApp;
  let n = 0;
  const id = (): string => `e2e-${Date.now().toString(36)}-${(n += 1)}`;

  beforeAll(async () => {
    t = await createTestApp({ registry: 'firestore', seed: 'firestore' });
  });
  afterAll(() => t.close());

  it("registers a thread id for the caller's scope and answers its owner scope", async () => {
    const thread = id();
    const created = await t.http
      .post('/realtime/threads')
      .set(scopedHeaders({ role: 'member', sub: 'u_bob' }))
      .send({ id: thread })
      .expect(201);
    expect(created.body).toMatchObject({
      id: thread,
      type: 'thread',
      tenant_id: 't_acme',
      env: 'test',
      project_id: 'p_web',
      created_by: 'u_bob',
    });
    const read = await t.http
      .get(`/realtime/threads/${thread}`)
      .set(scopedHeaders({ role: 'viewer' }))
      .expect(200);
    expect(read.body).toEqual(created.body);
  });

  it('generates a sortable id when none is given, for threads and canvases', async () => {
    const thread = await t.http.post('/realtime/threads').set(scopedHeaders()).send({}).expect(201);
    const canvas = await t.http
      .post('/realtime/canvases')
      .set(scopedHeaders())
      .send({})
      .expect(201);
    expect(thread.body.id).toMatch(SORTABLE_ID_FORMAT);
    expect(canvas.body).toMatchObject({ type: 'canvas' });
    await t.http.get(`/realtime/canvases/${canvas.body.id}`).set(scopedHeaders()).expect(200);
    await t.http.get(`/realtime/threads/${canvas.body.id}`).set(scopedHeaders()).expect(404);
  });

  it('refuses an id owned by another tenant with 409 realtime_registry.id_taken, and hides it from that tenant (404)', async () => {
    const thread = id();
    await t.http
      .post('/realtime/threads')
      .set(scopedHeaders({ tenant: 't_owner' }))
      .send({ id: thread })
      .expect(201);
    const taken = await t.http
      .post('/realtime/threads')
      .set(scopedHeaders({ tenant: 't_other' }))
      .send({ id: thread })
      .expect(409);
    expect(taken.body.error).toMatchObject({
      code: 'realtime_registry.id_taken',
      details: { id: thread, type: 'thread' },
    });
    const hidden = await t.http
      .get(`/realtime/threads/${thread}`)
      .set(scopedHeaders({ tenant: 't_other' }))
      .expect(404);
    expect(hidden.body.error.code).toBe('realtime_registry.not_found');
    await t.http
      .get(`/realtime/threads/${thread}`)
      .set(scopedHeaders({ tenant: 't_owner', project: 'p_other' }))
      .expect(404);
    await t.http
      .post('/realtime/threads')
      .set(scopedHeaders({ tenant: 't_owner' }))
      .send({ id: thread })
      .expect(409);
  });

  it('lets exactly one of 10 concurrent registrations of one id win, across tenants', async () => {
    const contested = id();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.http
          .post('/realtime/canvases')
          .set(scopedHeaders({ tenant: `t_race_${i}` }))
          .send({ id: contested }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array<number>(9).fill(409)]);
    const winner = responses.find((r) => r.status === 201)?.body.tenant_id as string;
    await t.http
      .get(`/realtime/canvases/${contested}`)
      .set(scopedHeaders({ tenant: winner }))
      .expect(200);
  });

  it('stores the claim in the global realtime_threads collection, keyed by id', async () => {
    const thread = id();
    await t.http
      .post('/realtime/threads')
      .set(scopedHeaders({ tenant: 't_doc' }))
      .send({ id: thread })
      .expect(201);
    const db = newFirestoreClient({ projectId: t.firestoreProjectId });
    try {
      const snap = await db.doc(`realtime_threads/${thread}`).get();
      expect(snap.get('tenant_id')).toBe('t_doc');
    } finally {
      await db.terminate();
    }
  });

  it('refuses malformed ids and unknown fields with 400 validation.failed', async () => {
    const res = await t.http
      .post('/realtime/threads')
      .set(scopedHeaders())
      .send({ id: 'has/slash', extra: true })
      .expect(400);
    expect(res.body.error.code).toBe('validation.failed');
    expect(
      (res.body.error.details.fields as { field: string }[]).map((f) => f.field).sort(),
    ).toEqual(['extra', 'id']);
    await t.http
      .post('/realtime/threads')
      .set(scopedHeaders())
      .send({ id: 'x'.repeat(129) })
      .expect(400);
    const badPath = await t.http.get('/realtime/threads/bad.id').set(scopedHeaders()).expect(400);
    expect(badPath.body.error.code).toBe('validation.failed');
  });

  it('needs member to register and viewer to read', async () => {
    const denied = await t.http
      .post('/realtime/threads')
      .set(scopedHeaders({ role: 'viewer' }))
      .send({})
      .expect(403);
    expect(denied.body.error.code).toBe('auth.insufficient_role');
    await t.http
      .get(`/realtime/threads/${id()}`)
      .set(scopedHeaders({ role: 'viewer' }))
      .expect(404);
  });
});
