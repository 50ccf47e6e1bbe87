import { createHash } from 'node:crypto';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';
import { binary, filePart, postMultipart, type Part } from './media-v2-storage.multipart';

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

describe('media_v2_storage over HTTP (memory backend): flows, roles, isolation', () => {
  let t: TestApp;
  let n = 0;
  const tenant = (): string => `t_media_${(n += 1)}`;

  const upload = (parts: Part[], headers: Record<string, string>) =>
    postMultipart(t.http, parts, headers);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('uploads a file as a member and serves its metadata, list entry and bytes to a viewer', async () => {
    const member = scopedHeaders({ tenant: 't_media_main', role: 'member', sub: 'u_maker' });
    const res = await upload(
      [
        { name: 'kind', value: 'video' },
        { name: 'tags', value: 'Promo,summer' },
        { name: 'tags', value: 'promo' },
        filePart('frames', 'Intro Clip.mp4'),
      ],
      member,
    ).expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-z]{26}$/),
      kind: 'video',
      tags: ['promo', 'summer'],
      filename: 'Intro Clip.mp4',
      content_type: 'video/mp4',
      size_bytes: 6,
      sha256: sha256('frames'),
      created_by: 'u_maker',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const viewer = scopedHeaders({ tenant: 't_media_main', role: 'viewer' });
    expect((await t.http.get(`/media/assets/${res.body.id}`).set(viewer).expect(200)).body).toEqual(
      res.body,
    );
    expect((await t.http.get('/media/assets').set(viewer).expect(200)).body).toEqual({
      items: [res.body],
      next_cursor: null,
    });
    const content = await t.http
      .get(`/media/assets/${res.body.id}/content`)
      .set(viewer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((content.body as Buffer).toString()).toBe('frames');
    expect(content.headers).toMatchObject({
      'content-type': 'video/mp4',
      'content-length': '6',
      'x-content-type-options': 'nosniff',
      'content-disposition': `attachment; filename="Intro Clip.mp4"; filename*=UTF-8''Intro%20Clip.mp4`,
    });
  });

  it('takes the kind from the content type when none is sent', async () => {
    const res = await upload(
      [filePart('png', 'dot.png', 'image/png')],
      scopedHeaders({ tenant: tenant() }),
    ).expect(201);
    expect(res.body).toMatchObject({ kind: 'image', tags: [] });
  });

  it('filters by kind and tag and pages newest first with an opaque cursor', async () => {
    const h = scopedHeaders({ tenant: tenant() });
    const a = (
      await upload([{ name: 'tags', value: 'x' }, filePart('a', 'a.mp3', 'audio/mpeg')], h).expect(
        201,
      )
    ).body;
    const b = (await upload([{ name: 'tags', value: 'x' }, filePart('b', 'b.mp4')], h).expect(201))
      .body;
    const c = (await upload([filePart('c', 'c.mp4')], h).expect(201)).body;
    const first = (await t.http.get('/media/assets?limit=2').set(h).expect(200)).body as {
      items: { id: string }[];
      next_cursor: string;
    };
    expect(first.items.map((i) => i.id)).toEqual([c.id, b.id]);
    const second = (
      await t.http.get(`/media/assets?limit=2&cursor=${first.next_cursor}`).set(h).expect(200)
    ).body;
    expect(second).toEqual({ items: [a], next_cursor: null });
    expect((await t.http.get('/media/assets?kind=audio').set(h).expect(200)).body.items).toEqual([
      a,
    ]);
    expect(
      (await t.http.get('/media/assets?tag=X&kind=video').set(h).expect(200)).body.items,
    ).toEqual([b]);
  });

  it('needs member to upload; only the creator or an admin may delete', async () => {
    const tn = tenant();
    expect(
      (await upload([filePart('x')], scopedHeaders({ tenant: tn, role: 'viewer' })).expect(403))
        .body.error.code,
    ).toBe('auth.insufficient_role');
    const asset = (
      await upload(
        [filePart('x')],
        scopedHeaders({ tenant: tn, role: 'member', sub: 'u_owner' }),
      ).expect(201)
    ).body;
    const other = await t.http
      .delete(`/media/assets/${asset.id}`)
      .set(scopedHeaders({ tenant: tn, role: 'member', sub: 'u_other' }))
      .expect(403);
    expect(other.body.error.code).toBe('auth.insufficient_role');
    await t.http
      .delete(`/media/assets/${asset.id}`)
      .set(scopedHeaders({ tenant: tn, role: 'member', sub: 'u_owner' }))
      .expect(204);
    const admin = scopedHeaders({ tenant: tn, role: 'admin', sub: 'u_admin' });
    expect(
      (await t.http.get(`/media/assets/${asset.id}`).set(admin).expect(404)).body.error.code,
    ).toBe('media_v2_storage.not_found');
    await t.http.get(`/media/assets/${asset.id}/content`).set(admin).expect(404);
    const second = (
      await upload(
        [filePart('y')],
        scopedHeaders({ tenant: tn, role: 'member', sub: 'u_owner' }),
      ).expect(201)
    ).body;
    await t.http.delete(`/media/assets/${second.id}`).set(admin).expect(204);
  });

  it('keeps tenants and projects apart: another scope gets 404 and an empty list', async () => {
    const asset = (
      await upload([filePart('secret')], scopedHeaders({ tenant: 't_media_iso_a' })).expect(201)
    ).body;
    for (const h of [
      scopedHeaders({ tenant: 't_media_iso_b' }),
      scopedHeaders({ tenant: 't_media_iso_a', project: 'p_other' }),
    ]) {
      expect(
        (await t.http.get(`/media/assets/${asset.id}`).set(h).expect(404)).body.error.code,
      ).toBe('media_v2_storage.not_found');
      await t.http.get(`/media/assets/${asset.id}/content`).set(h).expect(404);
      await t.http.delete(`/media/assets/${asset.id}`).set(h).expect(404);
      expect((await t.http.get('/media/assets').set(h).expect(200)).body.items).toEqual([]);
    }
    await t.http
      .get(`/media/assets/${asset.id}`)
      .set(scopedHeaders({ tenant: 't_media_iso_a' }))
      .expect(200);
  });
});
