import { createTestApp, type TestApp } from '../utils/create-test-app';
import { rawExchange, rawRequest, type RawAnswer } from '../utils/raw-http';
import { scopedHeaders } from '../utils/scoped-request';
import { signToken } from '../utils/tokens';

interface Envelope {
  error: { code: string; message: string; details: Record<string, unknown>; request_id: string };
}

/** Asserts the error envelope with `code` and a request id equal to the X-Request-Id header. */
function expectEnvelope(res: RawAnswer, status: number, code: string): Envelope {
  expect({ status: res.status, code: (res.json as Envelope | undefined)?.error?.code }).toEqual({
    status,
    code,
  });
  const body = res.json as Envelope;
  expect(body.error.message.length).toBeGreaterThan(20);
  expect(body.error.request_id).toBe(res.headers['x-request-id']);
  return body;
}

/** `{"a":{"a":…{"a":1}…}}` with `levels` objects. */
const nested = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

describe('input limits at the HTTP edge', () => {
  let t: TestApp;
  const json = { 'Content-Type': 'application/json' };
  const put = (headers: Record<string, string>, body?: string) =>
    rawRequest(t.url, { method: 'PUT', path: '/feature-flags', headers, body });
  const flagsOf = async (h: Record<string, string>) =>
    (await t.http.get('/feature-flags').set(h).expect(200)).body as { flags: object };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('JSON nesting depth', () => {
    it('answers 400 validation.too_deep for a body nested 3,100 levels (it used to overflow the stack: 500)', async () => {
      const res = await put({ ...scopedHeaders(), ...json }, `{"custom":${nested(3100)}}`);
      const body = expectEnvelope(res, 400, 'validation.too_deep');
      expect(body.error.details).toEqual({ location: 'body', max_depth: 64 });
    });

    it('refuses 65 levels and lets 64 through to validation', async () => {
      const h = { ...scopedHeaders(), ...json };
      expectEnvelope(await put(h, nested(65)), 400, 'validation.too_deep');
      // 64 levels pass the depth check; the DTO then refuses the unknown field "a".
      expectEnvelope(await put(h, nested(64)), 400, 'validation.failed');
    });
  });

  describe('media types', () => {
    const tenant = 't_media_types';
    const h = scopedHeaders({ tenant });

    it.each([
      ['text/plain', 'text/plain', 'ws_enabled=true'],
      ['XML', 'application/xml', '<flags><ws_enabled>true</ws_enabled></flags>'],
      ['a form', 'application/x-www-form-urlencoded', 'ws_enabled=true'],
      ['multipart without boundary', 'multipart/form-data', '--x\r\n\r\n--x--'],
    ])(
      'answers 415 http.unsupported_media_type to PUT /feature-flags with %s and keeps the flags',
      async (_what, type, body) => {
        await t.http.put('/feature-flags').set(h).send({ ws_enabled: true }).expect(200);
        const res = await put({ ...h, 'Content-Type': type }, body);
        const env = expectEnvelope(res, 415, 'http.unsupported_media_type');
        expect(env.error.details).toEqual({ content_type: type, accepted: ['application/json'] });
        expect(await flagsOf(h)).toMatchObject({ flags: { ws_enabled: true } });
      },
    );

    it('answers 415 to a body sent without Content-Type', async () => {
      const res = await put(h, '{"ws_enabled":false}');
      expectEnvelope(res, 415, 'http.unsupported_media_type');
      expect(await flagsOf(h)).toMatchObject({ flags: { ws_enabled: true } });
    });

    it('answers 400 validation.body_required when a JSON operation gets no body', async () => {
      expectEnvelope(await put(h), 400, 'validation.body_required');
      expectEnvelope(await put({ ...h, ...json }, ''), 400, 'validation.body_required');
    });

    it('answers 415 to a JSON body sent to the multipart upload', async () => {
      const res = await rawRequest(t.url, {
        method: 'POST',
        path: '/media/assets',
        headers: { ...h, ...json },
        body: '{"kind":"video"}',
      });
      const env = expectEnvelope(res, 415, 'http.unsupported_media_type');
      expect(env.error.details).toMatchObject({ accepted: ['multipart/form-data'] });
    });

    it('keeps operations without a body working without Content-Type or body', async () => {
      const res = await rawRequest(t.url, {
        method: 'POST',
        path: '/raw/uploads/01arz3ndektsv4rrffq69g5fav/complete',
        headers: h,
      });
      expectEnvelope(res, 404, 'raw_storage.not_found');
    });

    it('accepts application/json with a utf-8 charset', async () => {
      await t.http
        .put('/feature-flags')
        .set({ ...h, 'Content-Type': 'application/json; charset=utf-8' })
        .send('{"sse_enabled":true}')
        .expect(200);
    });
  });

  describe('not well-formed Unicode', () => {
    it('answers 400 validation.failed naming the field of a lone surrogate in a body', async () => {
      const h = scopedHeaders({ tenant: 't_surrogates' });
      const res = await put({ ...h, ...json }, '{"custom":{"name":"\\ud800x"}}');
      const env = expectEnvelope(res, 400, 'validation.failed');
      expect(env.error.details.fields).toEqual([
        { field: 'custom.name', problems: [expect.stringContaining('lone UTF-16 surrogate')] },
      ]);
      expect(await flagsOf(h)).toMatchObject({ flags: { custom: {} } });
    });

    it('refuses a lone surrogate in a registry write before it reaches the store', async () => {
      const res = await rawRequest(t.url, {
        method: 'PUT',
        path: '/routing/routes/feature_flags/t_acme/test/p_web',
        headers: { Authorization: `Bearer ${signToken({ registry_admin: true })}`, ...json },
        body: '{"backend_type":"memory","rationale":"why \\udc00"}',
      });
      const env = expectEnvelope(res, 400, 'validation.failed');
      expect(env.error.details.fields).toEqual([
        { field: 'rationale', problems: [expect.any(String)] },
      ]);
    });
  });

  describe('size of error answers', () => {
    it('names at most 50 fields of a body with 5,000 unknown keys, and counts the rest', async () => {
      const body = JSON.stringify(
        Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])),
      );
      const res = await put({ ...scopedHeaders(), ...json }, body);
      const env = expectEnvelope(res, 400, 'validation.failed');
      expect(env.error.details.fields).toHaveLength(50);
      expect(env.error.details.omitted_fields).toBe(4950);
      expect(env.error.message).toContain('and 4950 more fields');
      expect(res.text.length).toBeLessThan(16 * 1024);
    });
  });

  describe('oversized and malformed HTTP', () => {
    it('answers 431 with the envelope, X-Request-Id and Connection: close for 20 KB of headers', async () => {
      const res = await rawRequest(t.url, {
        method: 'GET',
        path: '/health/live',
        headers: { 'X-Padding': 'a'.repeat(20_000) },
      });
      expectEnvelope(res, 431, 'http.headers_too_large');
      expect(res.headers.connection).toBe('close');
      expect((res.json as Envelope).error.message).toContain('16 KB');
    });

    it('answers 431 with the envelope for a 20 KB URL', async () => {
      const res = await rawRequest(t.url, {
        method: 'GET',
        path: `/feature-flags?cursor=${'x'.repeat(20_000)}`,
        headers: scopedHeaders(),
      });
      expectEnvelope(res, 431, 'http.headers_too_large');
    });

    it('answers 400 with the envelope to bytes that are not HTTP, then closes', async () => {
      const answer = await rawExchange(t.url, 'NOT HTTP AT ALL\r\n\r\n');
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(answer).toContain('Connection: close');
      const id = /X-Request-Id: (\S+)/.exec(answer)?.[1];
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Envelope;
      expect(body.error).toMatchObject({ code: 'http.malformed_request', request_id: id });
    });

    it('still serves requests after refusing one', async () => {
      await t.http.get('/health/live').expect(200);
    });
  });
});
