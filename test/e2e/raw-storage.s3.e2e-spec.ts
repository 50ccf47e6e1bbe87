import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { RAW_STORAGE_KIND } from '../../src/features/raw-storage/raw-storage.types';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route, testBackendConfig } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { newS3Client, testS3 } from '../utils/test-servers';

/** A TCP port that refuses connections (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Upload {
  asset_id: string;
  key: string;
  url: string;
  method: string;
  headers: Record<string, string>;
}

describe('raw_storage over HTTP on S3 (s3rver; Firestore registry)', () => {
  let t: TestApp;
  const s3 = newS3Client();
  const exists = (key: string) =>
    s3.send(new HeadObjectCommand({ Bucket: testS3().bucket, Key: key })).then(
      () => true,
      (err: Error) => (err.name === 'NotFound' ? false : Promise.reject(err)),
    );
  const create = async (
    h: Record<string, string>,
    sent: Record<string, unknown>,
  ): Promise<Upload> =>
    (await t.http.post('/raw/uploads').set(h).send(sent).expect(201)).body as Upload;
  const put = (upload: Upload, bytes: string) =>
    fetch(upload.url, { method: upload.method, headers: upload.headers, body: bytes });

  beforeAll(async () => {
    t = await createTestApp({ registry: 'firestore', seed: 'firestore' });
  });
  afterAll(async () => {
    s3.destroy();
    await t.close();
  });

  it('uploads with plain fetch to the presigned PUT, completes, and downloads through the presigned GET', async () => {
    const h = scopedHeaders({ tenant: 't_raw_s3', role: 'member' });
    const upload = await create(h, {
      filename: 'Q3 export.csv',
      content_type: 'text/csv',
      size_bytes: 10,
    });
    expect(upload.key).toBe(`tenants/t_raw_s3/test/p_web/raw/${upload.asset_id}/Q3 export.csv`);
    expect(new URL(upload.url).origin).toBe(testS3().endpoint);
    expect((await put(upload, 'id,total\n1')).status).toBe(200);
    expect(await exists(upload.key)).toBe(true);

    const done = await t.http.post(`/raw/uploads/${upload.asset_id}/complete`).set(h).expect(200);
    expect(done.body).toMatchObject({
      status: 'complete',
      size_bytes: 10,
      content_type: 'text/csv',
      etag: createHash('md5').update('id,total\n1').digest('hex'),
      completed_at: expect.any(String),
    });
    expect(
      (await t.http.post(`/raw/uploads/${upload.asset_id}/complete`).set(h).expect(200)).body,
    ).toEqual(done.body);
    expect((await t.http.get(`/raw/assets/${upload.asset_id}`).set(h).expect(200)).body).toEqual(
      done.body,
    );

    const download = await t.http
      .get(`/raw/assets/${upload.asset_id}/download`)
      .set(scopedHeaders({ tenant: 't_raw_s3', role: 'viewer' }))
      .expect(200);
    expect(download.body).toMatchObject({
      method: 'GET',
      headers: {},
      expires_at: expect.any(String),
    });
    const fetched = await fetch(download.body.url as string);
    expect(await fetched.text()).toBe('id,total\n1');
    expect(fetched.headers.get('content-disposition')).toContain('filename="Q3 export.csv"');
  });

  it('answers 404 raw_storage.object_missing when nothing was uploaded', async () => {
    const h = scopedHeaders({ tenant: 't_raw_s3_missing' });
    const upload = await create(h, {
      filename: 'a.bin',
      content_type: 'application/octet-stream',
      size_bytes: 3,
    });
    const res = await t.http.post(`/raw/uploads/${upload.asset_id}/complete`).set(h).expect(404);
    expect(res.body.error).toMatchObject({
      code: 'raw_storage.object_missing',
      details: { asset_id: upload.asset_id },
    });
  });

  it('refuses an object of another size than declared with 409 raw_storage.size_mismatch and removes it (s3rver does not check signatures)', async () => {
    const h = scopedHeaders({ tenant: 't_raw_s3_size' });
    const upload = await create(h, {
      filename: 'a.bin',
      content_type: 'application/octet-stream',
      size_bytes: 3,
    });
    await fetch(upload.url, {
      method: 'PUT',
      headers: upload.headers,
      body: 'more than three bytes',
    });
    const res = await t.http.post(`/raw/uploads/${upload.asset_id}/complete`).set(h).expect(409);
    expect(res.body.error).toMatchObject({
      code: 'raw_storage.size_mismatch',
      details: { declared_size_bytes: 3, stored_size_bytes: 21 },
    });
    expect(await exists(upload.key)).toBe(false);
    expect(
      (await t.http.get(`/raw/assets/${upload.asset_id}`).set(h).expect(200)).body.status,
    ).toBe('pending');
  });

  it('lists newest first from the bucket and keeps projects apart', async () => {
    const h = scopedHeaders({ tenant: 't_raw_s3_list' });
    const a = await create(h, { filename: 'a', content_type: 'text/plain', size_bytes: 1 });
    const b = await create(h, { filename: 'b', content_type: 'text/plain', size_bytes: 1 });
    const page = (await t.http.get('/raw/assets?limit=1').set(h).expect(200)).body as {
      items: { asset_id: string }[];
      next_cursor: string;
    };
    expect(page.items.map((i) => i.asset_id)).toEqual([b.asset_id]);
    const next = (await t.http.get(`/raw/assets?cursor=${page.next_cursor}`).set(h).expect(200))
      .body as { items: { asset_id: string }[] };
    expect(next.items.map((i) => i.asset_id)).toEqual([a.asset_id]);
    const other = scopedHeaders({ tenant: 't_raw_s3_list', project: 'p_other' });
    expect((await t.http.get('/raw/assets').set(other).expect(200)).body.items).toEqual([]);
    await t.http.get(`/raw/assets/${a.asset_id}`).set(other).expect(404);
  });

  it('answers 503 routing.backend_unavailable naming the kind and scope when the route endpoint refuses connections', async () => {
    const config = {
      ...testBackendConfig('s3', { project_id: 'unused' }),
      endpoint: `http://127.0.0.1:${await closedPort()}`,
    };
    await t.putRoute(
      route({
        resource_kind: RAW_STORAGE_KIND,
        tenant_id: 't_raw_dead',
        backend_type: 's3',
        config,
      }),
    );
    const h = scopedHeaders({ tenant: 't_raw_dead' });
    for (const res of [
      await t.http
        .post('/raw/uploads')
        .set(h)
        .send({ filename: 'a', content_type: 'text/plain', size_bytes: 1 }),
      await t.http.get('/raw/assets').set(h),
    ]) {
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({
        code: 'routing.backend_unavailable',
        details: {
          resource_kind: RAW_STORAGE_KIND,
          scope: 't_raw_dead/test/p_web',
          backend_type: 's3',
        },
      });
    }
  });
});
