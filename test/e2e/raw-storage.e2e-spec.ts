import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';

describe('raw_storage over HTTP (memory backend: presigned URLs on a host that never resolves)', () => {
  let t: TestApp;
  let n = 0;
  const tenant = (): string => `t_raw_${(n += 1)}`;
  const body = { filename: 'export.csv', content_type: 'text/csv', size_bytes: 12 };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a pending asset and answers a PUT to make (at most 15 minutes), with the headers to send', async () => {
    const h = scopedHeaders({ tenant: 't_raw_main', role: 'member', sub: 'u_up' });
    const before = Date.now();
    const res = await t.http
      .post('/raw/uploads')
      .set(h)
      .send({ ...body, filename: '../../etc/pass\u0001wd.csv' })
      .expect(201);
    const id = res.body.asset_id as string;
    expect(res.body).toEqual({
      asset_id: expect.stringMatching(/^[0-9a-z]{26}$/),
      key: `tenants/t_raw_main/test/p_web/raw/${id}/passwd.csv`,
      url: expect.stringMatching(/^https:\/\/raw-storage\.memory\.invalid\//),
      method: 'PUT',
      headers: { 'Content-Type': 'text/csv' },
      expires_at: expect.any(String),
    });
    const expires = Date.parse(res.body.expires_at as string);
    expect(expires).toBeGreaterThan(before);
    expect(expires).toBeLessThanOrEqual(Date.now() + 15 * 60 * 1000);
    const viewer = scopedHeaders({ tenant: 't_raw_main', role: 'viewer' });
    const asset = (await t.http.get(`/raw/assets/${id}`).set(viewer).expect(200)).body;
    expect(asset).toMatchObject({
      asset_id: id,
      status: 'pending',
      size_bytes: 12,
      content_type: 'text/csv',
      etag: null,
      created_by: 'u_up',
      completed_at: null,
    });
    expect((await t.http.get('/raw/assets').set(viewer).expect(200)).body).toEqual({
      items: [asset],
      next_cursor: null,
    });
  });

  it('answers 404 raw_storage.object_missing on complete (nothing can be uploaded to memory) and 409 raw_storage.upload_incomplete on download', async () => {
    const h = scopedHeaders({ tenant: tenant() });
    const id = (await t.http.post('/raw/uploads').set(h).send(body).expect(201)).body
      .asset_id as string;
    expect(
      (await t.http.post(`/raw/uploads/${id}/complete`).set(h).expect(404)).body.error.code,
    ).toBe('raw_storage.object_missing');
    expect(
      (await t.http.get(`/raw/assets/${id}/download`).set(h).expect(409)).body.error.code,
    ).toBe('raw_storage.upload_incomplete');
  });

  it('refuses a declared size over the limit with 413 raw_storage.too_large', async () => {
    const res = await t.http
      .post('/raw/uploads')
      .set(scopedHeaders())
      .send({ ...body, size_bytes: 2 * 1024 ** 3 })
      .expect(413);
    expect(res.body.error).toMatchObject({
      code: 'raw_storage.too_large',
      details: { max_bytes: 1024 ** 3 },
    });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a negative size', { ...body, size_bytes: -1 }, ['size_bytes']],
    ['a fractional size', { ...body, size_bytes: 1.5 }, ['size_bytes']],
    [
      'a content type with parameters',
      { ...body, content_type: 'text/csv; charset=utf-8' },
      ['content_type'],
    ],
    ['an empty filename', { ...body, filename: '' }, ['filename']],
    ['a 256-character filename', { ...body, filename: 'x'.repeat(256) }, ['filename']],
    ['an unknown field', { ...body, extra: true }, ['extra']],
    ['an empty body', {}, ['content_type', 'filename', 'size_bytes']],
  ])('refuses %s with 400 validation.failed naming the fields', async (_what, sent, fields) => {
    const res = await t.http.post('/raw/uploads').set(scopedHeaders()).send(sent).expect(400);
    expect(res.body.error.code).toBe('validation.failed');
    expect(
      (res.body.error.details.fields as { field: string }[]).map((f) => f.field).sort(),
    ).toEqual(fields);
  });

  it('answers 404 raw_storage.not_found for an unknown id and 400 for a malformed one', async () => {
    const h = scopedHeaders();
    expect(
      (await t.http.get('/raw/assets/0000000000000000000000000a').set(h).expect(404)).body.error
        .code,
    ).toBe('raw_storage.not_found');
    expect(
      (await t.http.post('/raw/uploads/..%2Fx/complete').set(h).expect(400)).body.error.code,
    ).toBe('validation.failed');
  });

  it('pages newest first with an opaque cursor', async () => {
    const h = scopedHeaders({ tenant: tenant() });
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1)
      ids.push(
        (await t.http.post('/raw/uploads').set(h).send(body).expect(201)).body.asset_id as string,
      );
    const first = (await t.http.get('/raw/assets?limit=2').set(h).expect(200)).body as {
      items: { asset_id: string }[];
      next_cursor: string;
    };
    expect(first.items.map((a) => a.asset_id)).toEqual([ids[2], ids[1]]);
    const second = (
      await t.http.get(`/raw/assets?limit=2&cursor=${first.next_cursor}`).set(h).expect(200)
    ).body as { items: { asset_id: string }[]; next_cursor: null };
    expect(second.items.map((a) => a.asset_id)).toEqual([ids[0]]);
    expect(second.next_cursor).toBeNull();
  });

  it('needs member to create or complete; viewer may read', async () => {
    const tn = tenant();
    const viewer = scopedHeaders({ tenant: tn, role: 'viewer' });
    expect(
      (await t.http.post('/raw/uploads').set(viewer).send(body).expect(403)).body.error.code,
    ).toBe('auth.insufficient_role');
    const id = (
      await t.http
        .post('/raw/uploads')
        .set(scopedHeaders({ tenant: tn, role: 'member' }))
        .send(body)
        .expect(201)
    ).body.asset_id as string;
    await t.http.post(`/raw/uploads/${id}/complete`).set(viewer).expect(403);
    await t.http.get(`/raw/assets/${id}`).set(viewer).expect(200);
  });

  it('keeps tenants and projects apart: another scope gets 404 and an empty list', async () => {
    const id = (
      await t.http
        .post('/raw/uploads')
        .set(scopedHeaders({ tenant: 't_raw_iso_a' }))
        .send(body)
        .expect(201)
    ).body.asset_id as string;
    for (const h of [
      scopedHeaders({ tenant: 't_raw_iso_b' }),
      scopedHeaders({ tenant: 't_raw_iso_a', project: 'p_other' }),
    ]) {
      expect((await t.http.get(`/raw/assets/${id}`).set(h).expect(404)).body.error.code).toBe(
        'raw_storage.not_found',
      );
      expect(
        (await t.http.post(`/raw/uploads/${id}/complete`).set(h).expect(404)).body.error.code,
      ).toBe('raw_storage.not_found');
      expect(
        (await t.http.get(`/raw/assets/${id}/download`).set(h).expect(404)).body.error.code,
      ).toBe('raw_storage.not_found');
      expect((await t.http.get('/raw/assets').set(h).expect(200)).body.items).toEqual([]);
    }
  });
});
