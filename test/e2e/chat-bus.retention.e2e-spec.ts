import { CHAT_STREAM_MAXLEN } from '../../src/features/chat-bus/chat-bus.types';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { route } from '../utils/routes';
import { scopedHeaders } from '../utils/scoped-request';
import { newRedisClient, testRedis } from '../utils/test-servers';
import { signToken } from '../utils/tokens';

/** Redis trims with MAXLEN ~ in whole stream nodes of 100 entries. */
const NODE = 100;
const CAP = 100;
/** More than CAP + NODE, so at least one whole node is trimmed. */
const POSTS = 220;

describe('chat_bus retention per route (stream_maxlen on redis routes)', () => {
  let t: TestApp;
  const admin = { Authorization: `Bearer ${signToken({ sub: 'u_ops', registry_admin: true })}` };
  const member = (tenant: string) => scopedHeaders({ tenant, role: 'member' });
  const redisConfig = () => ({ host: testRedis().host, port: testRedis().port });

  beforeAll(async () => {
    t = await createTestApp({
      routes: [
        route({
          resource_kind: 'chat_bus',
          tenant_id: 't_short',
          backend_type: 'redis',
          config: { ...redisConfig(), key_prefix: `ret${Date.now()}`, stream_maxlen: CAP },
        }),
        route({
          resource_kind: 'chat_bus',
          tenant_id: 't_long',
          backend_type: 'redis',
          config: { ...redisConfig(), key_prefix: `ret${Date.now()}` },
        }),
      ],
    });
  });
  afterAll(() => t.close());

  it('refuses a stream_maxlen out of range or of the wrong type, naming the key and the bounds', async () => {
    for (const stream_maxlen of [5, 5_000_000, 'all']) {
      const res = await t.http
        .put('/routing/routes/chat_bus/t_bad/test/*')
        .set(admin)
        .send({ backend_type: 'redis', config: { ...redisConfig(), stream_maxlen } })
        .expect(422);
      expect(res.body.error.code).toBe('routing.policy_violation');
      const problems = (res.body.error.details.problems as { message: string }[]).map(
        (p) => p.message,
      );
      expect(problems).toEqual([
        typeof stream_maxlen === 'string'
          ? 'config.stream_maxlen must be an integer'
          : `config.stream_maxlen must be from 100 to 1000000 (messages kept per thread; default ${CHAT_STREAM_MAXLEN})`,
      ]);
    }
    const otherKind = await t.http
      .put('/routing/routes/rate_limit/t_bad/test/*')
      .set(admin)
      .send({ backend_type: 'redis', config: { ...redisConfig(), stream_maxlen: 500 } })
      .expect(422);
    expect(otherKind.body.error.details.problems[0].message).toMatch(
      /config\.stream_maxlen is not a redis config key/,
    );
  });

  it("trims a thread to the route's cap on the real redis-server, and keeps the default cap elsewhere", async () => {
    const kept: Record<string, { length: number; oldestIsFirst: boolean }> = {};
    const redis = newRedisClient();
    try {
      for (const tenant of ['t_short', 't_long']) {
        const thread = (
          await t.http
            .post('/chat/threads')
            .set(member(tenant))
            .send({ title: 'Busy', participants: [] })
            .expect(201)
        ).body.id as string;
        const post = async (text: string): Promise<string> =>
          (
            await t.http
              .post(`/chat/threads/${thread}/messages`)
              .set(member(tenant))
              .send({ role: 'user', text })
              .expect(201)
          ).body.id as string;
        const first = await post('first');
        // The rest in parallel batches: only the count matters past the first message.
        for (let i = 1; i < POSTS; i += 20)
          await Promise.all(
            Array.from({ length: Math.min(20, POSTS - i) }, (_, j) => post(`m${i + j}`)),
          );
        const keys = await redis.keys(`*:${tenant}:test:p_web:chat:thread:${thread}:messages`);
        const oldest = await t.http
          .get(`/chat/threads/${thread}/messages?limit=1`)
          .set(member(tenant))
          .expect(200);
        kept[tenant] = {
          length: await redis.xlen(keys[0] ?? 'missing'),
          oldestIsFirst: oldest.body.items[0].id === first,
        };
      }
    } finally {
      await redis.quit();
    }
    console.log(
      `after ${POSTS} posts per thread: stream_maxlen ${CAP} keeps ${kept.t_short?.length} messages; the default cap keeps ${kept.t_long?.length}`,
    );
    expect(kept.t_short?.length).toBeGreaterThanOrEqual(CAP);
    expect(kept.t_short?.length).toBeLessThanOrEqual(CAP + NODE);
    expect(kept.t_short?.oldestIsFirst).toBe(false);
    expect(kept.t_long).toEqual({ length: POSTS, oldestIsFirst: true });
  }, 120_000);

  it('states the retention cap and its route key in the OpenAPI description of the chat operations', async () => {
    const doc = await t.http.get('/docs-json').expect(200);
    const paths = doc.body.paths as Record<string, Record<string, { description?: string }>>;
    for (const [path, method] of [
      ['/chat/threads/{id}/messages', 'post'],
      ['/chat/threads/{id}/messages', 'get'],
      ['/chat/threads/{id}/events', 'get'],
    ] as const) {
      expect(paths[path]?.[method]?.description).toMatch(/stream_maxlen/);
      expect(paths[path]?.[method]?.description).toContain(String(CHAT_STREAM_MAXLEN));
    }
  });
});
