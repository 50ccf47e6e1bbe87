import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient } from '../utils/test-servers';

describe('maybes over HTTP (Firestore registry and backend)', () => {
  let t: TestApp;
  const member = (over: Parameters<typeof scopedHeaders>[0] = {}) =>
    scopedHeaders({ tenant: 't_mb', role: 'member', ...over });

  beforeAll(async () => {
    t = await createTestApp({ registry: 'firestore', seed: 'firestore' });
  });
  afterAll(() => t.close());

  it('creates an item with defaults, reads it by id with its ETag, and stores it under the scope', async () => {
    const created = await t.http
      .post('/maybes/items')
      .set(member())
      .send({ title: 'Idea', tags: ['x', 'x', 'y'] })
      .expect(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      title: 'Idea',
      body: '',
      tags: ['x', 'y'],
      pinned: false,
      archived: false,
      created_by: 'u_alice',
      version: 1,
    });
    const read = await t.http
      .get(`/maybes/items/${created.body.id}`)
      .set(member({ role: 'viewer' }))
      .expect(200);
    expect(read.body).toEqual(created.body);
    const db = newFirestoreClient({ projectId: t.firestoreProjectId });
    try {
      const snap = await db
        .doc(`tenants/t_mb/envs/test/projects/p_web/maybes/${created.body.id}`)
        .get();
      expect(snap.get('title')).toBe('Idea');
    } finally {
      await db.terminate();
    }
  });

  it('lets the creator or an admin change and delete, honouring If-Match', async () => {
    const { body: item } = await t.http
      .post('/maybes/items')
      .set(member())
      .send({ title: 'Mine' })
      .expect(201);
    const path = `/maybes/items/${item.id}`;
    const patched = await t.http
      .patch(path)
      .set(member())
      .set('If-Match', '"1"')
      .send({ pinned: true })
      .expect(200);
    expect(patched.headers.etag).toBe('"2"');
    const stale = await t.http
      .patch(path)
      .set(member())
      .set('If-Match', '"1"')
      .send({ title: 'x' })
      .expect(409);
    expect(stale.body.error).toMatchObject({
      code: 'maybes.version_conflict',
      details: { current_version: 2 },
    });
    const bob = member({ sub: 'u_bob' });
    expect(
      (await t.http.patch(path).set(bob).send({ title: 'hijack' }).expect(403)).body.error.code,
    ).toBe('auth.insufficient_role');
    await t.http.delete(path).set(bob).expect(403);
    await t.http
      .patch(path)
      .set(member({ sub: 'u_boss', role: 'admin' }))
      .send({ archived: true })
      .expect(200);
    await t.http.delete(path).set(member()).set('If-Match', '"2"').expect(409);
    await t.http.delete(path).set(member()).expect(204);
    expect((await t.http.get(path).set(member()).expect(404)).body.error.code).toBe(
      'maybes.not_found',
    );
  });

  it('searches title and body ignoring case, with tag, pinned and archived filters, across pages', async () => {
    const h = member({ project: 'p_search' });
    const post = async (body: object) =>
      (await t.http.post('/maybes/items').set(h).send(body).expect(201)).body.id as string;
    const a = await post({ title: 'Kafka NOTES', tags: ['infra'], pinned: true });
    const b = await post({ title: 'misc', body: 'read about kafka streams', tags: ['reading'] });
    const c = await post({ title: 'Groceries', tags: ['home'], archived: true });
    const ids = async (query: string) =>
      (
        (await t.http.get(`/maybes/items?${query}`).set(h).expect(200)).body.items as {
          id: string;
        }[]
      ).map((i) => i.id);
    expect(await ids('q=KAFKA')).toEqual([b, a]);
    expect(await ids('q=kafka&tags_any=infra,home')).toEqual([a]);
    expect(await ids('tags_any=home&tags_any=reading')).toEqual([c, b]);
    expect(await ids('pinned=true')).toEqual([a]);
    expect(await ids('archived=false&q=')).toEqual([b, a]);
    const first = await t.http.get('/maybes/items?q=kafka&limit=1').set(h).expect(200);
    expect((first.body.items as { id: string }[]).map((i) => i.id)).toEqual([b]);
    const second = await t.http
      .get(`/maybes/items?q=kafka&limit=1&cursor=${first.body.next_cursor as string}`)
      .set(h)
      .expect(200);
    expect((second.body.items as { id: string }[]).map((i) => i.id)).toEqual([a]);
  });

  it('refuses bad input with 400 validation.failed naming the fields', async () => {
    const tags = Array.from({ length: 21 }, (_, i) => `t${i}`);
    const res = await t.http
      .post('/maybes/items')
      .set(member())
      .send({ title: '', tags, extra: 1, pinned: 'yes' })
      .expect(400);
    const fields = (res.body.error.details.fields as { field: string }[])
      .map((f) => f.field)
      .sort();
    expect(fields).toEqual(['extra', 'pinned', 'tags', 'title']);
    expect(
      (
        await t.http
          .post('/maybes/items')
          .set(member())
          .send({ title: 'x', tags: ['Bad Tag'] })
          .expect(400)
      ).body.error.message,
    ).toMatch(/lower-case/);
    const tooMany = Array.from({ length: 11 }, (_, i) => `t${i}`).join(',');
    await t.http.get(`/maybes/items?tags_any=${tooMany}`).set(member()).expect(400);
    await t.http.get('/maybes/items?pinned=maybe').set(member()).expect(400);
    await t.http.get('/maybes/items?cursor=bogus').set(member()).expect(400);
    await t.http.get('/maybes/items/not-an-id').set(member()).expect(400);
    const { body: item } = await t.http
      .post('/maybes/items')
      .set(member())
      .send({ title: 'x' })
      .expect(201);
    expect(
      (await t.http.patch(`/maybes/items/${item.id}`).set(member()).send({}).expect(400)).body.error
        .code,
    ).toBe('validation.failed');
    await t.http.patch(`/maybes/items/${item.id}`).set(member()).send({ title: null }).expect(400);
  });

  it('needs member to write and viewer to read', async () => {
    expect(
      (
        await t.http
          .post('/maybes/items')
          .set(member({ role: 'viewer' }))
          .send({ title: 'x' })
          .expect(403)
      ).body.error.code,
    ).toBe('auth.insufficient_role');
    await t.http
      .get('/maybes/items')
      .set(member({ role: 'viewer' }))
      .expect(200);
  });

  it('keeps tenants and projects apart: an item is 404 from another tenant or project', async () => {
    const { body: item } = await t.http
      .post('/maybes/items')
      .set(member({ project: 'p_iso' }))
      .send({ title: 'private' })
      .expect(201);
    await t.http
      .get(`/maybes/items/${item.id}`)
      .set(member({ project: 'p_other' }))
      .expect(404);
    await t.http
      .get(`/maybes/items/${item.id}`)
      .set(member({ tenant: 't_mb_other', project: 'p_iso' }))
      .expect(404);
    await t.http
      .patch(`/maybes/items/${item.id}`)
      .set(member({ tenant: 't_mb_other', project: 'p_iso', role: 'owner' }))
      .send({ title: 'x' })
      .expect(404);
    const other = await t.http
      .get('/maybes/items')
      .set(member({ tenant: 't_mb_other', project: 'p_iso' }))
      .expect(200);
    expect(other.body).toEqual({ items: [], next_cursor: null });
  });
});
