import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { MEDIA_V2_STORAGE_KIND } from '../../src/features/media-v2-storage/media-v2-storage.types';
import { MediaV2StorageOptions } from '../../src/features/media-v2-storage/media-v2-storage.options';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route, TEST_S3_CREDENTIAL_ENV, testBackendConfig } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { newS3Client, testS3 } from '../utils/test-servers';
import { binary, filePart, postMultipart, type Part } from './media-v2-storage.multipart';

const MiB = 1024 * 1024;

/** A TCP port that refuses connections (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('media_v2_storage over HTTP on S3 (s3rver; Firestore registry)', () => {
  let t: TestApp;
  const s3 = newS3Client();
  const bucket = testS3().bucket;
  const boot = (projectId?: string) =>
    createTestApp({
      registry: 'firestore',
      seed: 'firestore',
      firestoreProjectId: projectId,
      environment: { BACKEND_TIMEOUT_MS: '2000' },
    });
  const upload = (parts: Part[], headers: Record<string, string>) =>
    postMultipart(t.http, parts, headers);
  const keysUnder = async (prefix: string): Promise<string[]> =>
    (
      (await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []
    ).map((o) => o.Key as string);

  beforeAll(async () => {
    t = await boot();
  });
  afterAll(async () => {
    s3.destroy();
    await t.close();
  });

  it('streams the upload to tenants/{tenant}/{env}/{project}/media/{id}/{file}, metadata beside it, and keeps it across a restart', async () => {
    const h = scopedHeaders({ tenant: 't_media_s3', sub: 'u_up' });
    const bytes = Buffer.alloc(64 * 1024, 3);
    const asset = (
      await upload(
        [{ name: 'tags', value: 'raw' }, filePart(bytes, '../Take 1.mov', 'video/quicktime')],
        h,
      ).expect(201)
    ).body;
    expect(asset).toMatchObject({
      filename: 'Take 1.mov',
      size_bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const stored = await s3.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: `tenants/t_media_s3/test/p_web/media/${asset.id}/Take 1.mov`,
      }),
    );
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(bytes)).toBe(true);
    expect(stored.ContentType).toBe('video/quicktime');
    const meta = await s3.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: `tenants/t_media_s3/test/p_web/media/${asset.id}.json`,
      }),
    );
    expect(JSON.parse(await meta.Body!.transformToString())).toEqual(asset);

    await t.close();
    t = await boot(t.firestoreProjectId);
    expect((await t.http.get('/media/assets?tag=raw').set(h).expect(200)).body.items).toEqual([
      asset,
    ]);
    const content = await t.http
      .get(`/media/assets/${asset.id}/content`)
      .set(h)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((content.body as Buffer).equals(bytes)).toBe(true);
    expect(content.headers['content-length']).toBe(String(bytes.length));
  });

  it('deletes the bytes, the metadata and the list pointers from the bucket', async () => {
    const h = scopedHeaders({ tenant: 't_media_s3_del' });
    const asset = (await upload([{ name: 'tags', value: 'a,b' }, filePart('x')], h).expect(201))
      .body;
    expect(await keysUnder('tenants/t_media_s3_del/')).toHaveLength(5);
    await t.http.delete(`/media/assets/${asset.id}`).set(h).expect(204);
    expect(await keysUnder('tenants/t_media_s3_del/')).toEqual([]);
  });

  it('removes the stored bytes when a field after the file is invalid', async () => {
    const h = scopedHeaders({ tenant: 't_media_s3_late' });
    await upload([filePart('x'), { name: 'kind', value: 'hologram' }], h).expect(400);
    expect(await keysUnder('tenants/t_media_s3_late/')).toEqual([]);
  });

  it('answers 413 media_v2_storage.too_large for a multi-part upload over the limit and leaves no object (s3rver refuses the abort with 405)', async () => {
    const options = t.app.get(MediaV2StorageOptions);
    const saved = options.maxUploadBytes;
    options.maxUploadBytes = 6 * MiB;
    try {
      const res = await upload(
        [filePart(Buffer.alloc(7 * MiB, 9))],
        scopedHeaders({ tenant: 't_media_s3_big' }),
      ).expect(413);
      expect(res.body.error.code).toBe('media_v2_storage.too_large');
      expect(await keysUnder('tenants/t_media_s3_big/')).toEqual([]);
    } finally {
      options.maxUploadBytes = saved;
    }
  });

  describe('a route whose S3 endpoint is down', () => {
    let blackhole: Server;
    const sockets = new Set<Socket>();

    beforeAll(async () => {
      blackhole = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
      const config = (port: number) => ({
        ...testBackendConfig('s3', { project_id: 'unused' }),
        endpoint: `http://127.0.0.1:${port}`,
        ...TEST_S3_CREDENTIAL_ENV,
      });
      await t.putRoute(
        route({
          resource_kind: MEDIA_V2_STORAGE_KIND,
          tenant_id: 't_media_dead',
          backend_type: 's3',
          config: config(await closedPort()),
        }),
      );
      await t.putRoute(
        route({
          resource_kind: MEDIA_V2_STORAGE_KIND,
          tenant_id: 't_media_hole',
          backend_type: 's3',
          config: config((blackhole.address() as { port: number }).port),
        }),
      );
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => blackhole.close(resolve));
    });

    it('answers 503 routing.backend_unavailable naming the kind and scope (connection refused)', async () => {
      const h = scopedHeaders({ tenant: 't_media_dead' });
      for (const res of [
        await t.http.get('/media/assets').set(h),
        await upload([filePart('x')], h),
      ]) {
        expect(res.status).toBe(503);
        expect(res.body.error).toMatchObject({
          code: 'routing.backend_unavailable',
          details: {
            resource_kind: MEDIA_V2_STORAGE_KIND,
            scope: 't_media_dead/test/p_web',
            backend_type: 's3',
          },
        });
      }
    });

    it('answers 503 once the backend timeout passes when the endpoint accepts but never answers', async () => {
      const res = await t.http
        .get('/media/assets')
        .set(scopedHeaders({ tenant: 't_media_hole' }))
        .expect(503);
      expect(res.body.error).toMatchObject({
        code: 'routing.backend_unavailable',
        details: { resource_kind: MEDIA_V2_STORAGE_KIND, scope: 't_media_hole/test/p_web' },
      });
      expect(res.body.error.message).toMatch(/within 2000 ms/);
    });
  });
});
