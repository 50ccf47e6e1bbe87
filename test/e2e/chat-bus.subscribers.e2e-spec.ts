import Redis from 'ioredis';
import { newSortableId } from '../../src/common/ids/sortable-id';
import { startRedisServer, type RedisServerHandle } from '../../tools/local-servers';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { SseClient } from './chat-bus.sse-client';

const SUBSCRIBERS = 2_000;
const THREADS = 20;

/** Live feeds of one instance on its own redis-server, so its connections can be counted. */
describe('chat_bus SSE subscribers per instance', () => {
  let redis: RedisServerHandle;
  let admin: Redis;
  let t: TestApp;
  const member = () => scopedHeaders({ tenant: 't_fans', role: 'member' });
  const newThread = async (): Promise<string> =>
    (
      await t.http
        .post('/chat/threads')
        .set(member())
        .send({ title: 'Crowd', participants: [] })
        .expect(201)
    ).body.id as string;
  const open = (thread: string) =>
    SseClient.open(`${t.url}/chat/threads/${thread}/events`, member());
  const connectedClients = async (): Promise<number> =>
    Number(/connected_clients:(\d+)/.exec(await admin.info('clients'))?.[1]);

  beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: false });
    admin = new Redis({ host: redis.host, port: redis.port });
    admin.on('error', () => undefined);
    t = await createTestApp({
      environment: { CHAT_MAX_SUBSCRIBERS: String(SUBSCRIBERS) },
      routes: [
        route({
          resource_kind: 'chat_bus',
          tenant_id: 't_fans',
          backend_type: 'redis',
          config: { host: redis.host, port: redis.port },
        }),
      ],
    });
  });
  afterAll(async () => {
    await t.close();
    admin.disconnect();
    await redis.stop();
  });

  it(`serves ${SUBSCRIBERS} subscribers on a constant number of Redis connections, each getting the message`, async () => {
    const threads: string[] = [];
    for (let i = 0; i < THREADS; i += 1) threads.push(await newThread());
    const before = await connectedClients();
    const clients: { thread: string; sse: SseClient }[] = [];
    for (let i = 0; i < SUBSCRIBERS; i += 100) {
      const batch = Array.from({ length: 100 }, (_, j) => threads[(i + j) % THREADS] as string);
      clients.push(
        ...(await Promise.all(batch.map(async (thread) => ({ thread, sse: await open(thread) })))),
      );
    }
    const sent = new Map<string, string>();
    for (const thread of threads) {
      const res = await t.http
        .post(`/chat/threads/${thread}/messages`)
        .set(member())
        .send({ role: 'user', text: `to everyone on ${thread}` })
        .expect(201);
      sent.set(thread, res.body.id as string);
    }
    await Promise.all(clients.map(({ sse }) => sse.waitFor(1)));
    const during = await connectedClients();
    const received = clients.filter(
      ({ thread, sse }) => sse.status === 200 && sse.events[0]?.id === sent.get(thread),
    ).length;
    clients.forEach(({ sse }) => sse.close());
    let after = await connectedClients();
    const deadline = Date.now() + 10_000;
    while (after > before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      after = await connectedClients();
    }
    console.log(
      `${SUBSCRIBERS} SSE subscribers on ${THREADS} threads: Redis connected_clients before ${before}, ` +
        `during ${during}, after ${after} (the app's pooled client, this test's client, and one shared reader while feeds are open); ` +
        `${received}/${SUBSCRIBERS} subscribers got the posted message`,
    );
    expect(received).toBe(SUBSCRIBERS);
    expect(during).toBeLessThanOrEqual(before + 1);
    expect(after).toBe(before);
  }, 120_000);

  it('refuses a subscriber past CHAT_MAX_SUBSCRIBERS with 503, Retry-After and the envelope, and admits one again when a slot frees', async () => {
    const max = 3;
    const small = await createTestApp({ environment: { CHAT_MAX_SUBSCRIBERS: String(max) } });
    const open: SseClient[] = [];
    try {
      const thread = (
        await small.http
          .post('/chat/threads')
          .set(member())
          .send({ title: 'Small', participants: [] })
          .expect(201)
      ).body.id as string;
      const url = `${small.url}/chat/threads/${thread}/events`;
      // Refused feeds (unknown thread) give their slot back.
      for (let i = 0; i < max + 1; i += 1)
        await small.http.get(`/chat/threads/${newSortableId()}/events`).set(member()).expect(404);
      open.push(
        ...(await Promise.all(Array.from({ length: max }, () => SseClient.open(url, member())))),
      );
      expect(open.every((c) => c.status === 200)).toBe(true);
      const refused = await small.http
        .get(`/chat/threads/${thread}/events`)
        .set(member())
        .expect(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.body.error).toMatchObject({
        code: 'chat_bus.too_many_subscribers',
        details: { max_subscribers: max },
      });
      expect(refused.body.error.message).toMatch(/CHAT_MAX_SUBSCRIBERS/);
      expect(refused.body.error.request_id).toEqual(expect.any(String));
      open[0]?.close();
      let again: SseClient | null = null;
      const deadline = Date.now() + 5_000;
      while (again === null && Date.now() < deadline) {
        const attempt = await SseClient.open(url, member());
        if (attempt.status === 200) again = attempt;
        else attempt.close();
      }
      expect(again?.status).toBe(200);
      if (again !== null) open.push(again);
    } finally {
      open.forEach((c) => c.close());
      await small.close();
    }
  });
});
