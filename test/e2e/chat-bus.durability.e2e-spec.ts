import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { newSortableId } from '../../src/common/ids/sortable-id';
import { freePort, startRedisServer, type RedisServerHandle } from '../../tools/local-servers';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { uniqueProjectId } from '../utils/test-servers';
import { SseClient } from './chat-bus.sse-client';

/** Bound on every backend call in these apps (BACKEND_TIMEOUT_MS). */
const BACKEND_TIMEOUT_MS = 1000;

describe('chat_bus durability and outages (its own redis-server with AOF)', () => {
  let redis: RedisServerHandle;
  let t: TestApp;
  const projectId = uniqueProjectId('chat-durable');
  const boot = () =>
    createTestApp({
      registry: 'firestore',
      seed: 'firestore',
      firestoreProjectId: projectId,
      environment: { BACKEND_TIMEOUT_MS: String(BACKEND_TIMEOUT_MS) },
      // A tenant route (not the t_system one the seed writes) sends t_durable to this server.
      routes: [
        route({
          resource_kind: 'chat_bus',
          tenant_id: 't_durable',
          backend_type: 'redis',
          config: { host: '127.0.0.1', port: redis.port },
        }),
      ],
    });
  const member = (tenant = 't_durable') => scopedHeaders({ tenant, role: 'member' });

  beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: true });
    t = await boot();
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('keeps threads and messages across a restart of redis-server and then of the app', async () => {
    const thread = (
      await t.http
        .post('/chat/threads')
        .set(member())
        .send({ title: 'Durable', participants: ['u_alice'] })
        .expect(201)
    ).body.id as string;
    const sent: string[] = [];
    for (const text of ['one', 'two', 'three']) {
      sent.push(
        (
          await t.http
            .post(`/chat/threads/${thread}/messages`)
            .set(member())
            .send({ role: 'user', text })
            .expect(201)
        ).body.id as string,
      );
    }
    await redis.restart();
    sent.push(
      (
        await t.http
          .post(`/chat/threads/${thread}/messages`)
          .set(member())
          .send({ role: 'agent', text: 'after redis restart' })
          .expect(201)
      ).body.id as string,
    );
    await t.close();
    t = await boot();

    const threads = await t.http.get('/chat/threads').set(member()).expect(200);
    expect((threads.body.items as { id: string }[]).map((x) => x.id)).toEqual([thread]);
    const messages = await t.http.get(`/chat/threads/${thread}/messages`).set(member()).expect(200);
    expect(
      (messages.body.items as { id: string; text: string }[]).map((m) => [m.id, m.text]),
    ).toEqual([
      [sent[0], 'one'],
      [sent[1], 'two'],
      [sent[2], 'three'],
      [sent[3], 'after redis restart'],
    ]);
    // They were read back from this test's own server (the one restarted), not another one.
    const own = new Redis({ host: '127.0.0.1', port: redis.port, lazyConnect: true });
    own.on('error', () => undefined);
    try {
      await own.connect();
      expect(await own.xlen(`t_durable:test:p_web:chat:thread:${thread}:messages`)).toBe(4);
    } finally {
      own.disconnect();
    }
  });

  it('ends open SSE feeds when the app shuts down, so shutdown does not hang on them', async () => {
    const thread = (
      await t.http
        .post('/chat/threads')
        .set(member())
        .send({ title: 'Feed', participants: [] })
        .expect(201)
    ).body.id as string;
    const port = ((t.app.getHttpServer() as Server).address() as AddressInfo).port;
    const feed = await SseClient.open(
      `http://127.0.0.1:${port}/chat/threads/${thread}/events`,
      member(),
    );
    expect(feed.status).toBe(200);
    await t.close();
    await expect(feed.waitFor(1)).rejects.toThrow(/stream ended/);
    t = await boot();
  });

  it('answers 503 routing.backend_unavailable naming kind and scope, without hanging, when the route names a dead Redis port', async () => {
    const dead = await freePort();
    await t.putRoute(
      route({
        resource_kind: 'chat_bus',
        tenant_id: 't_dead',
        backend_type: 'redis',
        config: { host: '127.0.0.1', port: dead },
      }),
    );
    // Not a speed check: the call must end (no hang) — supertest's own timeout is the bound.
    const res = await t.http
      .get('/chat/threads')
      .set(member('t_dead'))
      .timeout(BACKEND_TIMEOUT_MS * 10)
      .expect(503);
    expect(res.body.error).toMatchObject({
      code: 'routing.backend_unavailable',
      details: { resource_kind: 'chat_bus', scope: 't_dead/test/p_web', backend_type: 'redis' },
    });
    expect(res.body.error.message).toContain('chat_bus @ t_dead/test/p_web');
    const events = await t.http
      .get(`/chat/threads/${newSortableId()}/events`)
      .set(member('t_dead'))
      .expect(503);
    expect(events.body.error.code).toBe('routing.backend_unavailable');
  });
});
