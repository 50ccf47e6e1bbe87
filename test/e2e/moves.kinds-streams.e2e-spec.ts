import { createHash } from 'node:crypto';
import type { TestApp } from '../utils/create-test-app';
import { appSeededOn, freshTenant, moveBody, moveDone, readAll } from '../utils/moves';
import { scopedHeaders } from '../utils/scoped-request';
import { SseClient } from './chat-bus.sse-client';
import { binary, filePart, postMultipart } from './media-v2-storage.multipart';

/**
 * Moves of whole tenants for the kinds that hold streams and bytes: chat messages keep their
 * stream ids (an SSE client resumes across the move), stored files come back byte for byte.
 */
describe('moves of chat_bus: Redis → Redis (key_prefix cb)', () => {
  const app = appSeededOn('firestore'); // chat_bus has no Firestore adapter: t_system is on Redis

  it('keeps threads and messages with their ids; an SSE client resumes on the target with no gap and no duplicate', async () => {
    const t = app();
    const tenant = freshTenant();
    const member = scopedHeaders({ tenant, role: 'member' });
    const newThread = async (title: string) =>
      (
        await t.http
          .post('/chat/threads')
          .set(member)
          .send({ title, participants: ['u_alice', 'agent:planner'] })
          .expect(201)
      ).body.id as string;
    const post = async (thread: string, text: string) =>
      (
        await t.http
          .post(`/chat/threads/${thread}/messages`)
          .set(member)
          .send({ role: 'user', text })
          .expect(201)
      ).body.id as string;
    const follow = (thread: string, lastEventId?: string) =>
      SseClient.open(`${t.url}/chat/threads/${thread}/events`, {
        ...scopedHeaders({ tenant, role: 'viewer' }),
        ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
      });

    const quiet = await newThread('Quiet');
    await post(quiet, 'only one');
    const thread = await newThread('Launch plan');
    const live = await follow(thread);
    const seen = [await post(thread, 'm1'), await post(thread, 'm2'), await post(thread, 'm3')];
    expect((await live.waitFor(3)).map((e) => e.id)).toEqual(seen);
    live.close();
    const missed = await post(thread, 'm4, missed by the client before the move');
    const paths = [
      '/chat/threads',
      ...[quiet, thread].flatMap((id) => [`/chat/threads/${id}`, `/chat/threads/${id}/messages`]),
    ];
    const before = await readAll(t, member, paths);

    await moveDone(t, moveBody(t, 'chat_bus', tenant, 'redis', { key_prefix: 'cb' }));
    expect(await readAll(t, member, paths)).toEqual(before);
    const after = [await post(thread, 'm5')];
    const resumed = await follow(thread, seen[2]);
    expect((await resumed.waitFor(2)).map((e) => e.id)).toEqual([missed, ...after]);
    after.push(await post(thread, 'm6'));
    const events = await resumed.waitFor(3);
    resumed.close();
    expect(events.map((e) => [e.id, (JSON.parse(e.data) as { text: string }).text])).toEqual([
      [missed, 'm4, missed by the client before the move'],
      [after[0], 'm5'],
      [after[1], 'm6'],
    ]);
    // New ids keep growing after the moved ones.
    const ids = (
      (await t.http.get(`/chat/threads/${thread}/messages`).set(member).expect(200)).body.items as {
        id: string;
      }[]
    ).map((m) => m.id);
    expect(ids).toEqual([...seen, missed, ...after]);
  });
});

/** A body read as bytes (supertest would otherwise parse or drop it). */
const bytesOf = async (t: TestApp, path: string, h: Record<string, string>) => {
  const res = await t.http.get(path).set(h).buffer(true).parse(binary).expect(200);
  const bytes = res.body as Buffer;
  return {
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    etag: res.headers.etag as string,
    type: res.headers['content-type'] as string,
  };
};

describe('moves of media_v2_storage: S3 → S3 (prefix mv)', () => {
  const app = appSeededOn('firestore'); // media_v2_storage is on S3

  it('keeps assets with their ids and metadata; the content is the same bytes with the same ETag', async () => {
    const t = app();
    const h = scopedHeaders({ tenant: freshTenant(), role: 'member' });
    const files = [
      {
        bytes: Buffer.alloc(70 * 1024, 7),
        name: 'Take 1.mov',
        type: 'video/quicktime',
        tags: 'raw',
      },
      { bytes: Buffer.from('hello media'), name: 'notes.txt', type: 'text/plain', tags: 'doc' },
      { bytes: Buffer.from('to be deleted'), name: 'gone.txt', type: 'text/plain', tags: 'doc' },
    ];
    const ids: string[] = [];
    for (const f of files) {
      const res = await postMultipart(
        t.http,
        [{ name: 'tags', value: f.tags }, filePart(f.bytes, f.name, f.type)],
        h,
      ).expect(201);
      expect(res.body.sha256).toBe(createHash('sha256').update(f.bytes).digest('hex'));
      ids.push(res.body.id as string);
    }
    await t.http.delete(`/media/assets/${ids[2]}`).set(h).expect(204);
    const paths = [
      '/media/assets',
      '/media/assets?tag=doc',
      ...ids.map((id) => `/media/assets/${id}`),
    ];
    const contents = async () =>
      Promise.all(ids.slice(0, 2).map((id) => bytesOf(t, `/media/assets/${id}/content`, h)));
    const before = { reads: await readAll(t, h, paths), contents: await contents() };
    expect(before.contents.map((c) => c.sha256)).toEqual(
      files.slice(0, 2).map((f) => createHash('sha256').update(f.bytes).digest('hex')),
    );

    await moveDone(
      t,
      moveBody(t, 'media_v2_storage', h['X-Tenant-Id'] as string, 's3', { prefix: 'mv' }),
    );
    expect({ reads: await readAll(t, h, paths), contents: await contents() }).toEqual(before);
    await t.http.delete(`/media/assets/${ids[0]}`).set(h).expect(204);
    await postMultipart(t.http, [filePart('after', 'after.txt', 'text/plain')], h).expect(201);
  });
});

describe('moves of raw_storage: S3 → S3 (prefix mv)', () => {
  const app = appSeededOn('firestore'); // raw_storage is on S3

  it('keeps assets (complete and pending) with their ids and ETags; downloads give the same bytes', async () => {
    const t = app();
    const h = scopedHeaders({ tenant: freshTenant(), role: 'member' });
    const upload = async (filename: string, bytes?: string) => {
      const size = bytes === undefined ? 5 : Buffer.byteLength(bytes);
      const u = (
        await t.http
          .post('/raw/uploads')
          .set(h)
          .send({ filename, content_type: 'text/csv', size_bytes: size })
          .expect(201)
      ).body as { asset_id: string; url: string; method: string; headers: Record<string, string> };
      if (bytes === undefined) return u.asset_id;
      expect(
        (await fetch(u.url, { method: u.method, headers: u.headers, body: bytes })).status,
      ).toBe(200);
      await t.http.post(`/raw/uploads/${u.asset_id}/complete`).set(h).expect(200);
      return u.asset_id;
    };
    const files = { 'q3.csv': 'id,total\n1,2\n', 'q4.csv': 'id,total\n3,4\n' };
    const complete = [
      await upload('q3.csv', files['q3.csv']),
      await upload('q4.csv', files['q4.csv']),
    ];
    const pending = await upload('later.csv');
    const paths = ['/raw/assets', ...[...complete, pending].map((id) => `/raw/assets/${id}`)];
    const downloads = async () => {
      const out = [];
      for (const id of complete) {
        const link = (await t.http.get(`/raw/assets/${id}/download`).set(h).expect(200)).body as {
          url: string;
        };
        const res = await fetch(link.url);
        out.push({
          status: res.status,
          text: await res.text(),
          etag: res.headers.get('etag'),
          type: res.headers.get('content-type'),
        });
      }
      return out;
    };
    const before = { reads: await readAll(t, h, paths), downloads: await downloads() };
    expect(before.downloads.map((d) => d.text)).toEqual(Object.values(files));

    await moveDone(
      t,
      moveBody(t, 'raw_storage', h['X-Tenant-Id'] as string, 's3', { prefix: 'mv' }),
    );
    const after = JSON.stringify({
      reads: await readAll(t, h, paths),
      downloads: await downloads(),
    });
    // `key` names the object in the bucket, so it carries the target route's prefix now:
    // in the list (3 assets) and in each get (3).
    expect(after.match(/"key":"mv\/tenants\//g)).toHaveLength(6);
    expect(JSON.parse(after.replaceAll('"key":"mv/tenants/', '"key":"tenants/'))).toEqual(before);
    await upload('after.csv', 'id\n9\n');
  });
});
