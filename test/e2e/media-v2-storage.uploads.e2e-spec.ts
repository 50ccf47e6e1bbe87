import { MediaV2StorageOptions } from '../../src/features/media-v2-storage/media-v2-storage.options';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';
import { filePart, postMultipart, type Part } from './media-v2-storage.multipart';

describe('media_v2_storage over HTTP (memory backend): what an upload may be', () => {
  let t: TestApp;
  let n = 0;
  const tenant = (): string => `t_media_up_${(n += 1)}`;
  const upload = (parts: Part[], headers: Record<string, string>) =>
    postMultipart(t.http, parts, headers);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['../../etc/passwd', undefined, 'passwd'],
    ['..\\\\..\\\\boot.ini', undefined, 'boot.ini'],
    ['..', undefined, 'file'],
    [undefined, 'ev%01il%07%7F%0A.txt', 'evil.txt'],
    [undefined, 'a%2F..%2F..%2Fb%5Cc.txt', 'c.txt'],
  ])('stores filename %j / %j as %j', async (filename, encodedFilename, safe) => {
    const res = await upload(
      [
        {
          name: 'file',
          filename,
          encodedFilename,
          contentType: 'text/plain',
          data: Buffer.from('x'),
        },
      ],
      scopedHeaders({ tenant: tenant() }),
    ).expect(201);
    expect(res.body.filename).toBe(safe);
  });

  describe('size limit', () => {
    let options: MediaV2StorageOptions;
    let saved: number;
    // features.ts mounts the module with its defaults (100 MiB); the e2e lowers the running
    // app's option instead of sending that much.
    beforeAll(() => {
      options = t.app.get(MediaV2StorageOptions);
      saved = options.maxUploadBytes;
      options.maxUploadBytes = 1024;
    });
    afterAll(() => {
      options.maxUploadBytes = saved;
    });

    it('refuses one byte over the limit with 413 media_v2_storage.too_large and keeps nothing', async () => {
      const h = scopedHeaders({ tenant: tenant() });
      const res = await upload([filePart(Buffer.alloc(1025, 1))], h).expect(413);
      expect(res.body.error).toMatchObject({
        code: 'media_v2_storage.too_large',
        details: { max_bytes: 1024 },
      });
      expect((await t.http.get('/media/assets').set(h).expect(200)).body.items).toEqual([]);
    });

    it('accepts a file of exactly the limit', async () => {
      const res = await upload(
        [filePart(Buffer.alloc(1024, 1))],
        scopedHeaders({ tenant: tenant() }),
      ).expect(201);
      expect(res.body.size_bytes).toBe(1024);
    });
  });

  it.each<[string, Part[], string, string[] | null]>([
    [
      'an unknown kind',
      [{ name: 'kind', value: 'hologram' }, filePart('x')],
      'validation.failed',
      ['kind'],
    ],
    [
      'an unknown kind after the file',
      [filePart('x'), { name: 'kind', value: 'hologram' }],
      'validation.failed',
      ['kind'],
    ],
    [
      'an unknown field',
      [filePart('x'), { name: 'tenant_id', value: 't_other' }],
      'validation.failed',
      ['tenant_id'],
    ],
    [
      'a bad tag',
      [{ name: 'tags', value: 'ok,no/slash' }, filePart('x')],
      'validation.failed',
      ['tags'],
    ],
    [
      '21 tags',
      [
        { name: 'tags', value: Array.from({ length: 21 }, (_, i) => `t${i}`).join(',') },
        filePart('x'),
      ],
      'validation.failed',
      ['tags'],
    ],
    ['no file', [{ name: 'kind', value: 'video' }], 'media_v2_storage.file_missing', null],
    ['two files', [filePart('a'), filePart('b')], 'media_v2_storage.invalid_upload', null],
    [
      'a file part not named file',
      [{ ...filePart('a'), name: 'upload' }],
      'media_v2_storage.invalid_upload',
      null,
    ],
    [
      'an overlong content type',
      [filePart('x', 'a.bin', `application/${'x'.repeat(200)}`)],
      'media_v2_storage.invalid_upload',
      null,
    ],
  ])('refuses %s with 400 and stores nothing', async (_what, parts, code, fields) => {
    const h = scopedHeaders({ tenant: tenant() });
    const res = await upload(parts, h).expect(400);
    expect(res.body.error.code).toBe(code);
    if (fields)
      expect((res.body.error.details.fields as { field: string }[]).map((f) => f.field)).toEqual(
        fields,
      );
    expect((await t.http.get('/media/assets').set(h).expect(200)).body.items).toEqual([]);
  });

  it('refuses a body that is not multipart with 415 http.unsupported_media_type', async () => {
    const res = await t.http
      .post('/media/assets')
      .set(scopedHeaders())
      .send({ kind: 'video' })
      .expect(415);
    expect(res.body.error.code).toBe('http.unsupported_media_type');
  });

  it('refuses bad ids, filters and cursors with 400', async () => {
    const h = scopedHeaders({ role: 'viewer' });
    expect(
      (await t.http.get('/media/assets/..%2F..%2Fsecret').set(h).expect(400)).body.error.code,
    ).toBe('validation.failed');
    expect(
      (await t.http.get('/media/assets?kind=hologram&limit=0').set(h).expect(400)).body.error.code,
    ).toBe('validation.failed');
    expect(
      (await t.http.get('/media/assets?cursor=bm9wZQ').set(h).expect(400)).body.error.code,
    ).toBe('validation.invalid_cursor');
  });
});
