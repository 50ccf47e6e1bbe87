import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient } from '../utils/test-servers';

type Item = { id: string };
const idsOf = (body: { items: Item[] }): string[] => body.items.map((i) => i.id);

describe('nexus_backend over HTTP (Firestore registry and backend)', () => {
  let t: TestApp;
  const as = (over: Parameters<typeof scopedHeaders>[0] = {}) =>
    scopedHeaders({ tenant: 't_nx', role: 'member', ...over });

  beforeAll(async () => {
    t = await createTestApp({ registry: 'firestore', seed: 'firestore' });
  });
  afterAll(() => t.close());

  it('stores snippets and finds them by id, kind and any of the tags, newest first across pages', async () => {
    const h = as({ project: 'p_snip' });
    const post = async (body: object) =>
      (await t.http.post('/nexus/snippets').set(h).send(body).expect(201)).body as Item &
        Record<string, unknown>;
    const a = await post({
      kind: 'code',
      text: 'const x = 1;',
      tags: ['ts', 'ts'],
      metadata: { lines: [[1, 2]] },
      refs: ['repo:x'],
    });
    const b = await post({ kind: 'prose', text: 'hello', tags: ['ts', 'doc'] });
    const c = await post({ kind: 'code', text: 'fn main() {}', tags: ['rust'] });
    expect(a).toMatchObject({
      kind: 'code',
      tags: ['ts'],
      metadata: { lines: [[1, 2]] },
      refs: ['repo:x'],
      created_by: 'u_alice',
    });
    expect(
      (
        await t.http
          .get(`/nexus/snippets/${a.id}`)
          .set(as({ project: 'p_snip', role: 'viewer' }))
          .expect(200)
      ).body,
    ).toEqual(a);
    expect(idsOf((await t.http.get('/nexus/snippets?kind=code').set(h).expect(200)).body)).toEqual([
      c.id,
      a.id,
    ]);
    expect(
      idsOf((await t.http.get('/nexus/snippets?tags_any=doc,rust').set(h).expect(200)).body),
    ).toEqual([c.id, b.id]);
    expect(
      idsOf((await t.http.get('/nexus/snippets?kind=code&tags_any=ts').set(h).expect(200)).body),
    ).toEqual([a.id]);
    const first = await t.http.get('/nexus/snippets?limit=2').set(h).expect(200);
    expect(idsOf(first.body)).toEqual([c.id, b.id]);
    const second = await t.http
      .get(`/nexus/snippets?limit=2&cursor=${first.body.next_cursor as string}`)
      .set(h)
      .expect(200);
    expect(second.body).toEqual({
      items: [expect.objectContaining({ id: a.id })],
      next_cursor: null,
    });
    const db = newFirestoreClient({ projectId: t.firestoreProjectId });
    try {
      expect(
        (await db.doc(`tenants/t_nx/envs/test/projects/p_snip/nexus_snippets/${a.id}`).get()).get(
          'kind',
        ),
      ).toBe('code');
    } finally {
      await db.terminate();
    }
  });

  it('records dataset events and lists them by type and since, newest first', async () => {
    const h = as({ project: 'p_events' });
    const start = new Date(Date.now() - 1000).toISOString();
    const post = async (body: object) =>
      (await t.http.post('/nexus/events').set(h).send(body).expect(201)).body as Item &
        Record<string, unknown>;
    const a = await post({
      event_type: 'tool_call',
      agent_id: 'agent-7',
      input: { q: 'x' },
      output: [1, [2]],
      metadata: { ms: 3 },
    });
    const b = await post({ event_type: 'reply', agent_id: 'agent-7' });
    expect(a).toMatchObject({
      event_type: 'tool_call',
      agent_id: 'agent-7',
      input: { q: 'x' },
      output: [1, [2]],
      metadata: { ms: 3 },
    });
    expect(b).toMatchObject({ input: null, output: null, metadata: {} });
    expect(idsOf((await t.http.get('/nexus/events').set(h).expect(200)).body)).toEqual([
      b.id,
      a.id,
    ]);
    expect(
      idsOf((await t.http.get('/nexus/events?event_type=tool_call').set(h).expect(200)).body),
    ).toEqual([a.id]);
    expect(
      idsOf(
        (
          await t.http
            .get(`/nexus/events?since=${encodeURIComponent(start)}`)
            .set(h)
            .expect(200)
        ).body,
      ),
    ).toEqual([b.id, a.id]);
    expect(
      idsOf(
        (
          await t.http
            .get(`/nexus/events?since=${encodeURIComponent(b.created_at as string)}`)
            .set(h)
            .expect(200)
        ).body,
      ),
    ).toEqual((a.created_at as string) < (b.created_at as string) ? [b.id] : [b.id, a.id]);
    expect(
      (await t.http.get('/nexus/events?since=2999-01-01T00:00:00Z').set(h).expect(200)).body,
    ).toEqual({ items: [], next_cursor: null });
  });

  it('refuses bad input with 400 validation.failed', async () => {
    const res = await t.http
      .post('/nexus/snippets')
      .set(as())
      .send({
        kind: 'Code!',
        text: 'é'.repeat(33_000),
        tags: Array.from({ length: 21 }, (_, i) => `t${i}`),
        refs: 'x',
      })
      .expect(400);
    const fields = (res.body.error.details.fields as { field: string }[])
      .map((f) => f.field)
      .sort();
    expect(fields).toEqual(['kind', 'refs', 'tags', 'text']);
    await t.http
      .post('/nexus/snippets')
      .set(as())
      .send({ kind: 'code', text: 'x'.repeat(65_536) })
      .expect(201);
    const many = Array.from({ length: 11 }, (_, i) => `t${i}`).join(',');
    await t.http.get(`/nexus/snippets?tags_any=${many}`).set(as()).expect(400);
    await t.http.get('/nexus/snippets/nope').set(as()).expect(400);
    await t.http.get('/nexus/events?since=yesterday').set(as()).expect(400);
    await t.http
      .post('/nexus/events')
      .set(as())
      .send({ event_type: 'x', agent_id: 'a b', metadata: [] })
      .expect(400);
  });

  it('needs member to write and viewer to read', async () => {
    const viewer = as({ role: 'viewer' });
    await t.http.post('/nexus/snippets').set(viewer).send({ kind: 'code', text: 'x' }).expect(403);
    await t.http
      .post('/nexus/events')
      .set(viewer)
      .send({ event_type: 'x', agent_id: 'a' })
      .expect(403);
    await t.http.get('/nexus/snippets').set(viewer).expect(200);
    await t.http.get('/nexus/events').set(viewer).expect(200);
  });

  it('keeps tenants and projects apart: a snippet is 404 from another tenant or project', async () => {
    const { body } = await t.http
      .post('/nexus/snippets')
      .set(as({ project: 'p_iso' }))
      .send({ kind: 'code', text: 'x' })
      .expect(201);
    const missing = await t.http
      .get(`/nexus/snippets/${body.id as string}`)
      .set(as({ project: 'p_other' }))
      .expect(404);
    expect(missing.body.error.code).toBe('nexus_backend.not_found');
    await t.http
      .get(`/nexus/snippets/${body.id as string}`)
      .set(as({ tenant: 't_nx_other', project: 'p_iso' }))
      .expect(404);
    await t.http
      .post('/nexus/events')
      .set(as({ project: 'p_iso' }))
      .send({ event_type: 'x', agent_id: 'a' })
      .expect(201);
    expect(
      (
        await t.http
          .get('/nexus/events')
          .set(as({ tenant: 't_nx_other', project: 'p_iso' }))
          .expect(200)
      ).body.items,
    ).toEqual([]);
  });
});
