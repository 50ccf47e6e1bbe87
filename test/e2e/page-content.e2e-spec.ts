import { MAX_PAGE_BODY_BYTES } from '../../src/features/page-content/page-content.types';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';
import { newFirestoreClient } from '../utils/test-servers';

/** Ids of a list answer, in order. */
const idsOf = (res: { body: unknown }): string[] =>
  (res.body as { items: { id: string }[] }).items.map((item) => item.id);

describe.each(['memory', 'firestore'] as const)(
  'page_content over HTTP (%s backend)',
  (backend) => {
    let t: TestApp;
    let n = 0;
    /** A tenant of its own per test, so slugs never clash across tests. */
    const tenant = (): string => `t_pages_${(n += 1)}`;
    const as = (t_: string, sub: string, role: 'viewer' | 'member' | 'admin', project?: string) =>
      scopedHeaders({ tenant: t_, sub, role, project });
    const page = (over: Record<string, unknown> = {}) => ({
      surface: 'web',
      slug: 'about',
      title: 'About',
      body: '<h1>About</h1>',
      ...over,
    });

    beforeAll(async () => {
      t = await createTestApp(
        backend === 'firestore' ? { registry: 'firestore', seed: 'firestore' } : {},
      );
    });
    afterAll(() => t.close());

    it('creates a page (member) and reads it by id and by surface + slug', async () => {
      const tn = tenant();
      const body = { blocks: [{ type: 'hero', text: 'Hallo €' }], 'x.y': null };
      const created = await t.http
        .post('/pages')
        .set(as(tn, 'u_m', 'member'))
        .send(page({ body }))
        .expect(201);
      expect(created.body).toMatchObject({
        surface: 'web',
        slug: 'about',
        body,
        published: false,
        published_at: null,
        version: 1,
        created_by: 'u_m',
      });
      expect(created.headers.etag).toBe('"1"');
      expect(
        (
          await t.http
            .get(`/pages/${created.body.id}`)
            .set(as(tn, 'u_v', 'viewer'))
            .expect(200)
        ).body,
      ).toEqual(created.body);
      expect(
        (
          await t.http
            .get('/pages/by-slug/web/about')
            .set(as(tn, 'u_v', 'viewer'))
            .expect(200)
        ).body,
      ).toEqual(created.body);
      const missing = await t.http
        .get('/pages/by-slug/app/about')
        .set(as(tn, 'u_v', 'viewer'))
        .expect(404);
      expect(missing.body.error.code).toBe('page_content.not_found');
      await t.http
        .post('/pages')
        .set(as(tn, 'u_v', 'viewer'))
        .send(page({ slug: 'other' }))
        .expect(403);
    });

    it('answers 409 page_content.slug_taken for a slug already used on the surface, not on another surface', async () => {
      const h = as(tenant(), 'u_m', 'member');
      await t.http.post('/pages').set(h).send(page()).expect(201);
      const taken = await t.http
        .post('/pages')
        .set(h)
        .send(page({ title: 'Again' }))
        .expect(409);
      expect(taken.body.error).toMatchObject({
        code: 'page_content.slug_taken',
        details: { surface: 'web', slug: 'about' },
      });
      await t.http
        .post('/pages')
        .set(h)
        .send(page({ surface: 'app' }))
        .expect(201);
    });

    it('lets exactly one of two concurrent creates of the same slug win (201 + 409)', async () => {
      const h = as(tenant(), 'u_m', 'member');
      for (let round = 0; round < 5; round += 1) {
        const send = () =>
          t.http
            .post('/pages')
            .set(h)
            .send(page({ slug: `race-${round}` }));
        const statuses = (await Promise.all([send(), send()])).map((r) => r.status).sort();
        expect(statuses).toEqual([201, 409]);
      }
      expect((await t.http.get('/pages').set(h).expect(200)).body.items).toHaveLength(5);
    });

    it('accepts a body of exactly 1 MiB and refuses one byte more with 400 validation.failed', async () => {
      const h = as(tenant(), 'u_m', 'member');
      const exact = 'é'.repeat(MAX_PAGE_BODY_BYTES / 2);
      const created = await t.http
        .post('/pages')
        .set(h)
        .send(page({ body: exact }))
        .expect(201);
      expect((await t.http.get(`/pages/${created.body.id}`).set(h).expect(200)).body.body).toBe(
        exact,
      );
      const tooBig = await t.http
        .post('/pages')
        .set(h)
        .send(page({ slug: 'big', body: `${exact}x` }))
        .expect(400);
      expect(tooBig.body.error).toMatchObject({
        code: 'validation.failed',
        details: { fields: [expect.objectContaining({ field: 'body' })] },
      });
      await t.http
        .post('/pages')
        .set(h)
        .send(page({ slug: 'num', body: 42 }))
        .expect(400);
    });

    it('PATCHes with If-Match, moves the slug, and refuses a taken slug or a stale version', async () => {
      const h = as(tenant(), 'u_m', 'member');
      const a = (
        await t.http
          .post('/pages')
          .set(h)
          .send(page({ slug: 'a' }))
          .expect(201)
      ).body;
      await t.http
        .post('/pages')
        .set(h)
        .send(page({ slug: 'b' }))
        .expect(201);
      const moved = await t.http
        .patch(`/pages/${a.id}`)
        .set(h)
        .set('If-Match', '"1"')
        .send({ slug: 'a2', body: { v: 2 } })
        .expect(200);
      expect(moved.body).toMatchObject({ slug: 'a2', body: { v: 2 }, title: 'About', version: 2 });
      expect(moved.headers.etag).toBe('"2"');
      await t.http.get('/pages/by-slug/web/a').set(h).expect(404);
      await t.http.get('/pages/by-slug/web/a2').set(h).expect(200);
      await t.http
        .post('/pages')
        .set(h)
        .send(page({ slug: 'a' }))
        .expect(201);
      expect(
        (await t.http.patch(`/pages/${a.id}`).set(h).send({ slug: 'b' }).expect(409)).body.error
          .code,
      ).toBe('page_content.slug_taken');
      expect(
        (
          await t.http
            .patch(`/pages/${a.id}`)
            .set(h)
            .set('If-Match', '"1"')
            .send({ title: 'x' })
            .expect(409)
        ).body.error.code,
      ).toBe('page_content.version_conflict');
      await t.http.patch(`/pages/${a.id}`).set(h).send({ title: null }).expect(400);
    });

    it('publishes only with an approved strategy lock for builder:publish_page on the surface', async () => {
      const tn = tenant();
      const [alice, bob] = [as(tn, 'u_alice', 'admin'), as(tn, 'u_bob', 'admin')];
      const created = (await t.http.post('/pages').set(alice).send(page()).expect(201)).body;
      expect(
        (
          await t.http
            .post(`/pages/${created.id}/publish`)
            .set(as(tn, 'u_m', 'member'))
            .expect(403)
        ).body.error.code,
      ).toBe('auth.insufficient_role');
      const refused = await t.http.post(`/pages/${created.id}/publish`).set(alice).expect(409);
      expect(refused.body.error).toMatchObject({
        code: 'strategy_lock.required',
        details: { action: 'builder:publish_page', surface: 'web' },
      });
      expect((await t.http.get(`/pages/${created.id}`).set(alice).expect(200)).body.published).toBe(
        false,
      );

      const until = new Date(Date.now() + 3_600_000).toISOString();
      const lock = (
        await t.http
          .post('/strategy-locks')
          .set(alice)
          .send({
            scope: 'campaign',
            title: 'Launch',
            surface: 'web',
            allowed_actions: ['builder:publish_page'],
            valid_until: until,
          })
          .expect(201)
      ).body;
      await t.http.post(`/pages/${created.id}/publish`).set(alice).expect(409);
      await t.http.post(`/strategy-locks/${lock.id}/approve`).set(bob).expect(200);

      const published = await t.http.post(`/pages/${created.id}/publish`).set(alice).expect(200);
      expect(published.body).toMatchObject({ published: true, version: 2 });
      expect(Date.parse(published.body.published_at)).not.toBeNaN();
      expect(idsOf(await t.http.get('/pages?published=true').set(alice).expect(200))).toEqual([
        created.id,
      ]);
      const unpublished = await t.http
        .post(`/pages/${created.id}/unpublish`)
        .set(alice)
        .expect(200);
      expect(unpublished.body).toMatchObject({ published: false, published_at: null, version: 3 });
    });

    it('lists newest first without bodies, filtered by surface and published, with a cursor', async () => {
      const h = as(tenant(), 'u_m', 'member');
      const ids: string[] = [];
      for (const [surface, slug] of [
        ['web', 'one'],
        ['app', 'two'],
        ['web', 'three'],
      ])
        ids.push(
          (await t.http.post('/pages').set(h).send(page({ surface, slug })).expect(201)).body.id,
        );
      const first = await t.http.get('/pages?limit=2').set(h).expect(200);
      expect(idsOf(first)).toEqual([ids[2], ids[1]]);
      expect(first.body.items[0]).not.toHaveProperty('body');
      const second = await t.http
        .get(`/pages?limit=2&cursor=${first.body.next_cursor}`)
        .set(h)
        .expect(200);
      expect(second.body).toEqual({
        items: [expect.objectContaining({ id: ids[0] })],
        next_cursor: null,
      });
      expect(
        idsOf(await t.http.get('/pages?surface=web&published=false').set(h).expect(200)),
      ).toEqual([ids[2], ids[0]]);
      await t.http.get('/pages?published=maybe').set(h).expect(400);
    });

    it('deletes a page (204), then answers 404 and frees the slug', async () => {
      const h = as(tenant(), 'u_m', 'member');
      const created = (await t.http.post('/pages').set(h).send(page()).expect(201)).body;
      await t.http.delete(`/pages/${created.id}`).set(h).expect(204);
      expect((await t.http.get(`/pages/${created.id}`).set(h).expect(404)).body.error.code).toBe(
        'page_content.not_found',
      );
      expect((await t.http.delete(`/pages/${created.id}`).set(h).expect(404)).body.error.code).toBe(
        'page_content.not_found',
      );
      await t.http.post('/pages').set(h).send(page()).expect(201);
    });

    it('keeps tenants and projects apart: another scope gets 404 and may reuse the slug', async () => {
      const tn = tenant();
      const created = (
        await t.http
          .post('/pages')
          .set(as(tn, 'u_m', 'member'))
          .send(page())
          .expect(201)
      ).body;
      await t.http
        .get(`/pages/${created.id}`)
        .set(as('t_pages_other', 'u_m', 'member'))
        .expect(404);
      await t.http
        .get('/pages/by-slug/web/about')
        .set(as(tn, 'u_m', 'member', 'p_other'))
        .expect(404);
      await t.http
        .patch(`/pages/${created.id}`)
        .set(as(tn, 'u_m', 'member', 'p_other'))
        .send({ title: 'x' })
        .expect(404);
      await t.http
        .post('/pages')
        .set(as(tn, 'u_m', 'member', 'p_other'))
        .send(page())
        .expect(201);
      if (backend === 'firestore') {
        const db = newFirestoreClient({ projectId: t.firestoreProjectId });
        try {
          const claim = await db
            .doc(`tenants/${tn}/envs/test/projects/p_web/page_slugs/web:about`)
            .get();
          expect(claim.get('page_id')).toBe(created.id);
        } finally {
          await db.terminate();
        }
      }
    });
  },
);
