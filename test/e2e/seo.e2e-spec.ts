import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';

/** `surface/page_type` of each item of a list answer, in order. */
const keysOf = (res: { body: unknown }): string[] =>
  (res.body as { items: { surface: string; page_type: string }[] }).items.map(
    (c) => `${c.surface}/${c.page_type}`,
  );
/** Fields a validation failure names. */
const fieldsOf = (res: { body: unknown }): string[] =>
  (res.body as { error: { details: { fields: { field: string }[] } } }).error.details.fields.map(
    (f) => f.field,
  );

describe.each(['memory', 'firestore'] as const)('seo over HTTP (%s backend)', (backend) => {
  let t: TestApp;
  let n = 0;
  const tenant = (): string => `t_seo_${(n += 1)}`;
  const config = {
    title: 'Pricing – Acme',
    description: 'Plans for every team.',
    og_title: 'Acme pricing',
    og_description: 'Compare plans',
    og_image_url: 'https://cdn.example.com/og/pricing.png',
    canonical_url: 'https://acme.example.com/pricing',
  };

  beforeAll(async () => {
    t = await createTestApp(
      backend === 'firestore' ? { registry: 'firestore', seed: 'firestore' } : {},
    );
  });
  afterAll(() => t.close());

  it('creates (201) then replaces (200) a config with If-Match; a stale version is 409 seo.version_conflict', async () => {
    const admin = scopedHeaders({ tenant: tenant(), role: 'admin' });
    const created = await t.http.put('/seo/pages/web/pricing').set(admin).send(config).expect(201);
    expect(created.body).toMatchObject({
      surface: 'web',
      page_type: 'pricing',
      ...config,
      version: 1,
    });
    expect(created.headers.etag).toBe('"1"');
    const replaced = await t.http
      .put('/seo/pages/web/pricing')
      .set(admin)
      .set('If-Match', '"1"')
      .send({ title: 'New' })
      .expect(200);
    expect(replaced.body).toMatchObject({
      title: 'New',
      description: null,
      og_image_url: null,
      version: 2,
    });
    const stale = await t.http
      .put('/seo/pages/web/pricing')
      .set(admin)
      .set('If-Match', '"1"')
      .send(config)
      .expect(409);
    expect(stale.body.error).toMatchObject({
      code: 'seo.version_conflict',
      details: { current_version: 2 },
    });
    const read = await t.http
      .get('/seo/pages/web/pricing')
      .set(scopedHeaders({ tenant: admin['X-Tenant-Id'], role: 'viewer' }))
      .expect(200);
    expect(read.body).toEqual(replaced.body);
  });

  it('needs admin to write and viewer to read; a missing config is 404 seo.not_found', async () => {
    const tn = tenant();
    expect(
      (
        await t.http
          .put('/seo/pages/web/home')
          .set(scopedHeaders({ tenant: tn, role: 'member' }))
          .send(config)
          .expect(403)
      ).body.error.code,
    ).toBe('auth.insufficient_role');
    expect(
      (
        await t.http
          .get('/seo/pages/web/home')
          .set(scopedHeaders({ tenant: tn, role: 'viewer' }))
          .expect(404)
      ).body.error.code,
    ).toBe('seo.not_found');
  });

  it('refuses long texts, non-https or relative URLs, malformed keys and unknown fields', async () => {
    const admin = scopedHeaders({ tenant: tenant(), role: 'admin' });
    const res = await t.http
      .put('/seo/pages/web/home')
      .set(admin)
      .send({
        title: 'x'.repeat(71),
        description: 'y'.repeat(161),
        og_image_url: 'http://cdn.example.com/a.png',
        canonical_url: '/pricing',
        robots: 'noindex',
      })
      .expect(400);
    expect(fieldsOf(res).sort()).toEqual([
      'canonical_url',
      'description',
      'og_image_url',
      'robots',
      'title',
    ]);
    await t.http
      .put('/seo/pages/web/home')
      .set(admin)
      .send({ title: 'x'.repeat(70), description: 'y'.repeat(160) })
      .expect(201);
    const badKey = await t.http.put('/seo/pages/Web%20Site/home').set(admin).send({}).expect(400);
    expect(fieldsOf(badKey)).toEqual(['surface']);
  });

  it('lists newest first, filtered by surface, with a cursor', async () => {
    const admin = scopedHeaders({ tenant: tenant(), role: 'admin' });
    for (const path of ['web/home', 'app/home', 'web/blog'])
      await t.http.put(`/seo/pages/${path}`).set(admin).send(config).expect(201);
    const first = await t.http.get('/seo/pages?limit=2').set(admin).expect(200);
    expect(keysOf(first)).toEqual(['web/blog', 'app/home']);
    const second = await t.http
      .get(`/seo/pages?limit=2&cursor=${first.body.next_cursor}`)
      .set(admin)
      .expect(200);
    expect(keysOf(second)).toEqual(['web/home']);
    expect(second.body.next_cursor).toBeNull();
    expect(keysOf(await t.http.get('/seo/pages?surface=web').set(admin).expect(200))).toEqual([
      'web/blog',
      'web/home',
    ]);
  });

  it('deletes a config (admin, 204), then answers 404', async () => {
    const tn = tenant();
    const admin = scopedHeaders({ tenant: tn, role: 'admin' });
    await t.http.put('/seo/pages/web/home').set(admin).send(config).expect(201);
    await t.http
      .delete('/seo/pages/web/home')
      .set(scopedHeaders({ tenant: tn, role: 'member' }))
      .expect(403);
    await t.http.delete('/seo/pages/web/home').set(admin).expect(204);
    await t.http.get('/seo/pages/web/home').set(admin).expect(404);
    expect(
      (await t.http.delete('/seo/pages/web/home').set(admin).expect(404)).body.error.code,
    ).toBe('seo.not_found');
  });

  it('keeps tenants and projects apart', async () => {
    const tn = tenant();
    await t.http
      .put('/seo/pages/web/home')
      .set(scopedHeaders({ tenant: tn, role: 'admin' }))
      .send(config)
      .expect(201);
    await t.http
      .get('/seo/pages/web/home')
      .set(scopedHeaders({ tenant: tn, project: 'p_other' }))
      .expect(404);
    await t.http
      .get('/seo/pages/web/home')
      .set(scopedHeaders({ tenant: 't_seo_elsewhere' }))
      .expect(404);
    expect(
      (
        await t.http
          .get('/seo/pages')
          .set(scopedHeaders({ tenant: tn, project: 'p_other' }))
          .expect(200)
      ).body.items,
    ).toEqual([]);
  });
});
