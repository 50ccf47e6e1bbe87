import Redis from 'ioredis';
import { startRedisServer, type RedisServerHandle } from '../../tools/local-servers';
import { SseClient, type SseEvent } from '../e2e/chat-bus.sse-client';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';

const SUBSCRIBERS = 30;
/** The shared reader's XREAD slice plus its grace (RedisChatBusRepository defaults): its bound on a silent Redis. */
const READER_BOUND_MS = 10_000;
/** Generous slack on a loaded 2-core machine; not a speed check. */
const SLACK_MS = 10_000;

/** Live feeds when their redis-server (one this file starts) is killed or frozen under them. */
describe('chat_bus live feeds when Redis fails under them', () => {
  let redis: RedisServerHandle;
  let t: TestApp;
  const member = () => scopedHeaders({ tenant: 't_feeds', role: 'member' });

  beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: true });
    t = await createTestApp({
      environment: { BACKEND_TIMEOUT_MS: '1000' },
      routes: [
        route({
          resource_kind: 'chat_bus',
          tenant_id: 't_feeds',
          backend_type: 'redis',
          config: { host: redis.host, port: redis.port },
        }),
      ],
    });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  /** Opens subscribers on two threads and delivers one message to each, so each has a Last-Event-ID. */
  async function subscribed(): Promise<{ clients: SseClient[]; lastIds: string[] }> {
    const threads: string[] = [];
    for (const title of ['a', 'b'])
      threads.push(
        (
          await t.http
            .post('/chat/threads')
            .set(member())
            .send({ title, participants: [] })
            .expect(201)
        ).body.id as string,
      );
    const clients = await Promise.all(
      Array.from({ length: SUBSCRIBERS }, (_, i) =>
        SseClient.open(`${t.url}/chat/threads/${threads[i % 2]}/events`, member()),
      ),
    );
    const ids = await Promise.all(
      threads.map(
        async (thread) =>
          (
            await t.http
              .post(`/chat/threads/${thread}/messages`)
              .set(member())
              .send({ role: 'user', text: 'before the failure' })
              .expect(201)
          ).body.id as string,
      ),
    );
    await Promise.all(clients.map((c) => c.waitFor(1)));
    return { clients, lastIds: clients.map((_, i) => ids[i % 2] as string) };
  }

  /** Waits until every stream has ended; the elapsed time and each stream's last event. */
  async function ended(
    clients: SseClient[],
    since: number,
  ): Promise<{ ms: number; last: SseEvent[] }> {
    await Promise.all(
      clients.map((c) => c.waitFor(Number.MAX_SAFE_INTEGER).catch(() => undefined)),
    );
    return { ms: Date.now() - since, last: clients.map((c) => c.events.at(-1) as SseEvent) };
  }

  function expectResumableErrors(last: SseEvent[], lastIds: string[]): void {
    last.forEach((event, i) => {
      expect(event.event).toBe('error');
      const body = JSON.parse(event.data) as Record<string, unknown>;
      expect(body).toMatchObject({
        code: 'routing.backend_unavailable',
        reconnect: true,
        last_event_id: lastIds[i],
      });
      expect(body.resume).toContain(`Last-Event-ID: ${lastIds[i]}`);
    });
  }

  it('sends every subscriber an error event naming its Last-Event-ID and ends the stream when redis-server is killed', async () => {
    const { clients, lastIds } = await subscribed();
    const killedAt = Date.now();
    await redis.kill();
    const { ms, last } = await ended(clients, killedAt);
    console.log(
      `redis-server killed under ${SUBSCRIBERS} subscribers: all ${clients.length} streams got event: error and ended ${ms} ms after the kill`,
    );
    expectResumableErrors(last, lastIds);
    expect(ms).toBeLessThan(READER_BOUND_MS + SLACK_MS);
    await redis.restart();
    // The app's Redis client reconnects (and its circuit closes) shortly after the restart.
    const restartedAt = Date.now();
    for (;;) {
      const res = await t.http
        .post('/chat/threads')
        .set(member())
        .send({ title: 'back', participants: [] });
      if (res.status === 201) break;
      if (Date.now() - restartedAt > 10_000) throw new Error(`chat not back: ${res.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.log(`redis-server restarted: chat served again after ${Date.now() - restartedAt} ms`);
  }, 60_000);

  it('does the same when redis-server is frozen (SIGSTOP), within the reader bound', async () => {
    const { clients, lastIds } = await subscribed();
    const admin = new Redis({ host: redis.host, port: redis.port });
    admin.on('error', () => undefined);
    const pid = Number(/process_id:(\d+)/.exec(await admin.info('server'))?.[1]);
    admin.disconnect();
    const frozenAt = Date.now();
    process.kill(pid, 'SIGSTOP');
    try {
      const { ms, last } = await ended(clients, frozenAt);
      console.log(
        `redis-server frozen under ${SUBSCRIBERS} subscribers: all ${clients.length} streams got event: error and ended ${ms} ms after the freeze (reader bound ${READER_BOUND_MS} ms)`,
      );
      expectResumableErrors(last, lastIds);
      expect(ms).toBeLessThan(READER_BOUND_MS + SLACK_MS);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  }, 60_000);
});
