import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FOLLOWER_CONNECTION_NAME } from '../../src/features/chat-bus/adapters/redis-stream.hub';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { scopedHeaders } from '../utils/scoped-request';
import { newRedisClient } from '../utils/test-servers';
import { SseClient } from './chat-bus.sse-client';

describe('chat_bus over HTTP (threads and messages on Redis, registry on Firestore)', () => {
  let t: TestApp;
  let base: string;
  const member = (tenant = 't_acme', project = 'p_web') =>
    scopedHeaders({ tenant, project, role: 'member' });
  const newThread = async (tenant = 't_acme', project = 'p_web'): Promise<string> =>
    (
      await t.http
        .post('/chat/threads')
        .set(member(tenant, project))
        .send({ title: 'Launch plan', participants: ['u_alice', 'agent:planner'] })
        .expect(201)
    ).body.id as string;
  const post = async (
    thread: string,
    text: string,
    tenant = 't_acme',
  ): Promise<{ id: string; text: string }> =>
    (
      await t.http
        .post(`/chat/threads/${thread}/messages`)
        .set(member(tenant))
        .send({ role: 'user', text })
        .expect(201)
    ).body as { id: string; text: string };
  const openEvents = (thread: string, extra: Record<string, string> = {}, query = '') =>
    SseClient.open(`${base}/chat/threads/${thread}/events${query}`, {
      ...scopedHeaders({ role: 'viewer' }),
      ...extra,
    });

  beforeAll(async () => {
    t = await createTestApp({ registry: 'firestore', seed: 'firestore' });
    base = `http://127.0.0.1:${((t.app.getHttpServer() as Server).address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it("creates a thread registered in realtime_registry and lists only the caller's scope, newest first", async () => {
    const first = await newThread('t_list');
    const second = await newThread('t_list');
    await newThread('t_list', 'p_other');
    const owner = await t.http.get(`/realtime/threads/${second}`).set(member('t_list')).expect(200);
    expect(owner.body).toMatchObject({ tenant_id: 't_list', project_id: 'p_web', type: 'thread' });
    const page = await t.http
      .get('/chat/threads?limit=1')
      .set(scopedHeaders({ tenant: 't_list', role: 'viewer' }))
      .expect(200);
    expect((page.body.items as { id: string }[]).map((x) => x.id)).toEqual([second]);
    const next = await t.http
      .get(`/chat/threads?limit=5&cursor=${page.body.next_cursor}`)
      .set(member('t_list'))
      .expect(200);
    expect(next.body).toMatchObject({
      items: [{ id: first, title: 'Launch plan', participants: ['u_alice', 'agent:planner'] }],
      next_cursor: null,
    });
  });

  it('posts messages with stream ids and reads them back in order with after and limit', async () => {
    const thread = await newThread();
    const sent = [
      await post(thread, 'one'),
      await post(thread, 'two'),
      await post(thread, 'three'),
    ];
    expect(sent[0]?.id).toMatch(/^\d+-\d+$/);
    const all = await t.http
      .get(`/chat/threads/${thread}/messages`)
      .set(scopedHeaders({ role: 'viewer' }))
      .expect(200);
    expect((all.body.items as { text: string }[]).map((m) => m.text)).toEqual([
      'one',
      'two',
      'three',
    ]);
    const after = await t.http
      .get(`/chat/threads/${thread}/messages?after=${sent[0]?.id}&limit=1`)
      .set(member())
      .expect(200);
    expect(after.body.items).toEqual([
      expect.objectContaining({
        id: sent[1]?.id,
        text: 'two',
        role: 'user',
        author: 'u_alice',
        thread_id: thread,
      }),
    ]);
    const rest = await t.http
      .get(`/chat/threads/${thread}/messages?limit=5&cursor=${after.body.next_cursor}`)
      .set(member())
      .expect(200);
    expect(rest.body).toMatchObject({ items: [{ text: 'three' }], next_cursor: null });
  });

  it('hides threads of other tenants and projects (404 chat_bus.not_found) for reads, posts and events', async () => {
    const thread = await newThread('t_iso_a');
    for (const headers of [member('t_iso_b'), member('t_iso_a', 'p_other')]) {
      const res = await t.http.get(`/chat/threads/${thread}`).set(headers).expect(404);
      expect(res.body.error.code).toBe('chat_bus.not_found');
      await t.http.get(`/chat/threads/${thread}/messages`).set(headers).expect(404);
      await t.http
        .post(`/chat/threads/${thread}/messages`)
        .set(headers)
        .send({ role: 'user', text: 'x' })
        .expect(404);
      await t.http.get(`/chat/threads/${thread}/events`).set(headers).expect(404);
    }
  });

  it('validates bodies: 8 KiB of UTF-8 at most, known roles, no unknown fields; viewers cannot post', async () => {
    const thread = await newThread();
    await post(thread, 'é'.repeat(4096));
    const tooLong = await t.http
      .post(`/chat/threads/${thread}/messages`)
      .set(member())
      .send({ role: 'user', text: 'é'.repeat(4097) })
      .expect(400);
    expect(tooLong.body.error.details.fields[0].field).toBe('text');
    const bad = await t.http
      .post(`/chat/threads/${thread}/messages`)
      .set(member())
      .send({ role: 'boss', text: 'x', extra: 1 })
      .expect(400);
    expect(
      (bad.body.error.details.fields as { field: string }[]).map((f) => f.field).sort(),
    ).toEqual(['extra', 'role']);
    await t.http
      .post('/chat/threads')
      .set(member())
      .send({ title: '', participants: ['bad participant'] })
      .expect(400);
    const viewer = await t.http
      .post(`/chat/threads/${thread}/messages`)
      .set(scopedHeaders({ role: 'viewer' }))
      .send({ role: 'user', text: 'x' })
      .expect(403);
    expect(viewer.body.error.code).toBe('auth.insufficient_role');
    await t.http.get('/chat/threads/not-a-thread-id').set(member()).expect(400);
  });

  it('streams live messages over SSE and resumes with Last-Event-ID: missed ones replayed, no duplicates, no gaps', async () => {
    const thread = await newThread();
    await post(thread, 'before the subscription');
    const live = await openEvents(thread);
    expect(live.status).toBe(200);
    expect(live.response.headers['content-type']).toContain('text/event-stream');
    const sent = [await post(thread, 'm1'), await post(thread, 'm2'), await post(thread, 'm3')];
    const first = await live.waitFor(3);
    expect(
      first.map((e) => [e.event, e.id, (JSON.parse(e.data) as { text: string }).text]),
    ).toEqual(sent.map((m) => ['message', m.id, m.text]));
    live.close();

    const missed = [await post(thread, 'm4'), await post(thread, 'm5')];
    const resumed = await openEvents(thread, { 'Last-Event-ID': sent[2]?.id ?? '' });
    await resumed.waitFor(2);
    const later = [await post(thread, 'm6'), await post(thread, 'm7')];
    const events = await resumed.waitFor(4);
    resumed.close();
    expect(events.map((e) => e.id)).toEqual([...missed, ...later].map((m) => m.id));

    const fromQuery = await openEvents(thread, {}, `?after=${missed[1]?.id}`);
    expect((await fromQuery.waitFor(2)).map((e) => e.id)).toEqual(later.map((m) => m.id));
    fromQuery.close();
  });

  it('serves every SSE subscriber of the instance from one shared Redis connection, closed when the last leaves', async () => {
    const redis = newRedisClient();
    const followers = async (): Promise<number> =>
      ((await redis.client('LIST')) as string)
        .split('\n')
        .filter((l) => l.includes(`name=${FOLLOWER_CONNECTION_NAME} `)).length;
    try {
      // Other suites may follow streams on the same test server: count relative to now.
      const before = await followers();
      const threads = [await newThread(), await newThread()];
      const clients = await Promise.all(
        threads.flatMap((thread) => [openEvents(thread), openEvents(thread)]),
      );
      await Promise.all(threads.map((thread) => post(thread, 'hello')));
      await Promise.all(clients.map((c) => c.waitFor(1)));
      expect(await followers()).toBe(before + 1);
      clients.forEach((c) => c.close());
      const deadline = Date.now() + 5_000;
      while ((await followers()) > before && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(await followers()).toBe(before);
    } finally {
      await redis.quit();
    }
  });

  it('refuses a malformed Last-Event-ID with 400 before streaming', async () => {
    const thread = await newThread();
    const res = await t.http
      .get(`/chat/threads/${thread}/events`)
      .set(scopedHeaders())
      .set('Last-Event-ID', 'yesterday')
      .expect(400);
    expect(res.body.error.code).toBe('chat_bus.invalid_last_event_id');
  });
});
