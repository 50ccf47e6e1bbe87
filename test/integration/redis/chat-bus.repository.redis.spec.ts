import { newSortableId } from '../../../src/common/ids/sortable-id';
import { Scope } from '../../../src/common/scope/scope';
import { InMemoryChatBusRepository } from '../../../src/features/chat-bus/adapters/in-memory-chat-bus.repository';
import { RedisChatBusRepository } from '../../../src/features/chat-bus/adapters/redis-chat-bus.repository';
import { FOLLOWER_CONNECTION_NAME } from '../../../src/features/chat-bus/adapters/redis-stream.hub';
import { MAX_PENDING_MESSAGES } from '../../../src/features/chat-bus/adapters/redis-stream-subscriber';
import {
  chatRepositoryContract,
  CONTRACT_MAXLEN,
  FeedCollector,
} from '../../contract/chat-bus.repository.contract';
import { chatBusMoveChecks, chatBusScopeData } from '../../contract/chat-bus.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { redisHandle } from '../../utils/backend-handles';

const redisSide = {
  backend: 'redis',
  make: () => {
    const redis = redisHandle();
    return Promise.resolve({
      repo: new RedisChatBusRepository(redis, { follow: { blockMs: 200 } }),
      close: redis.close,
    });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryChatBusRepository(), close: () => Promise.resolve() }),
};

/** Follower connections open on the test server right now. */
async function followers(client: ReturnType<typeof redisHandle>['client']): Promise<number> {
  const list = (await client.client('LIST')) as string;
  return list.split('\n').filter((line) => line.includes(`name=${FOLLOWER_CONNECTION_NAME} `))
    .length;
}

describe('RedisChatBusRepository (redis-server)', () => {
  chatRepositoryContract(() => {
    const redis = redisHandle();
    return Promise.resolve({
      repo: new RedisChatBusRepository(redis, { maxLen: CONTRACT_MAXLEN }),
      close: redis.close,
    });
  });
  scopeDataContract(memory, redisSide, chatBusScopeData);
  scopeDataContract(redisSide, memory, chatBusScopeData);
  chatBusMoveChecks(memory, redisSide);
  chatBusMoveChecks(redisSide, memory);

  it("keeps each thread's messages in a Redis stream under the scope prefix", async () => {
    const redis = redisHandle({ keyPrefix: `chk${Date.now()}` });
    try {
      const scope = Scope.of('t_chat_keys', 'test', 'p_web');
      const repo = new RedisChatBusRepository(redis, { maxLen: 5 });
      const id = newSortableId();
      await repo.appendMessage(scope, id, { role: 'agent', text: 'hi', author: 'u_a' });
      const key = redis.key(scope, 'chat', 'thread', id, 'messages');
      expect(key).toMatch(new RegExp(`:t_chat_keys:test:p_web:chat:thread:${id}:messages$`));
      expect(await redis.client.type(key)).toBe('stream');
      expect(await redis.client.xlen(key)).toBe(1);
    } finally {
      await redis.close();
    }
  });

  it('shares one blocking connection among the followers of every thread and closes it when the last leaves', async () => {
    const redis = redisHandle();
    try {
      const scope = Scope.of('t_chat_conn', 'test', 'p_web');
      const repo = new RedisChatBusRepository(redis, { follow: { blockMs: 200 } });
      const threads = [newSortableId(), newSortableId(), newSortableId()];
      const before = await followers(redis.client);
      const feeds = threads.flatMap((id) =>
        [0, 1].map(() => ({ id, feed: new FeedCollector(), abort: new AbortController() })),
      );
      const following = feeds.map(({ id, feed, abort }) =>
        repo.follow(scope, id, '0-0', feed.sink, abort.signal),
      );
      const sent = await Promise.all(
        threads.map((id) => repo.appendMessage(scope, id, { role: 'user', text: id, author: 'u' })),
      );
      await Promise.all(feeds.map(({ feed }) => feed.waitFor(1)));
      expect(feeds.map(({ feed }) => feed.received.map((m) => m.text))).toEqual(
        threads.flatMap((id) => [[id], [id]]),
      );
      expect(sent).toHaveLength(3);
      expect(await followers(redis.client)).toBe(before + 1);
      feeds.forEach(({ abort }) => abort.abort());
      await Promise.all(following);
      const deadline = Date.now() + 5_000;
      while ((await followers(redis.client)) > before && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(await followers(redis.client)).toBe(before);
    } finally {
      await redis.close();
    }
  });

  it('gives a follower that joins a busy thread late every message after its start once, in order', async () => {
    const redis = redisHandle();
    try {
      const scope = Scope.of('t_chat_late', 'test', 'p_web');
      const repo = new RedisChatBusRepository(redis, { follow: { blockMs: 200 } });
      const id = newSortableId();
      const post = (text: string) =>
        repo.appendMessage(scope, id, { role: 'user', text, author: 'u' });
      const early = new FeedCollector();
      const abortEarly = new AbortController();
      const followingEarly = repo.follow(scope, id, '0-0', early.sink, abortEarly.signal);
      const first = [];
      for (let i = 0; i < 150; i += 1) first.push(await post(`a${i}`));
      const late = new FeedCollector();
      const abortLate = new AbortController();
      // Starts from message 10 while the shared reader is far ahead and posts keep coming.
      const followingLate = repo.follow(scope, id, first[9]?.id ?? '', late.sink, abortLate.signal);
      const more = await Promise.all(Array.from({ length: 50 }, (_, i) => post(`b${i}`)));
      await early.waitFor(200);
      await late.waitFor(190);
      abortEarly.abort();
      abortLate.abort();
      await Promise.all([followingEarly, followingLate]);
      const ids = [...first, ...more].map((m) => m.id);
      expect(early.received.map((m) => m.id)).toEqual(ids);
      expect(late.received.map((m) => m.id)).toEqual(ids.slice(10));
    } finally {
      await redis.close();
    }
  });

  it('lets a slow follower fall behind without holding back the others, then gives it every message once', async () => {
    const redis = redisHandle();
    try {
      const scope = Scope.of('t_chat_slow', 'test', 'p_web');
      const repo = new RedisChatBusRepository(redis, { follow: { blockMs: 200 } });
      const id = newSortableId();
      let release: () => void = () => undefined;
      const stuck = new Promise<void>((resolve) => (release = resolve));
      const slow = new FeedCollector();
      // The slow client takes its first batch, then cannot take more until released.
      const slowSink = async (batch: Parameters<FeedCollector['sink']>[0]): Promise<void> => {
        await slow.sink(batch);
        await stuck;
      };
      const fast = new FeedCollector();
      const abort = new AbortController();
      const following = [
        repo.follow(scope, id, '0-0', slowSink, abort.signal),
        repo.follow(scope, id, '0-0', fast.sink, abort.signal),
      ];
      const total = 3 * MAX_PENDING_MESSAGES;
      await repo.appendMessage(scope, id, { role: 'user', text: 'm0', author: 'u' });
      await slow.waitFor(1);
      const key = redis.key(scope, 'chat', 'thread', id, 'messages');
      const pipeline = redis.client.pipeline();
      for (let i = 1; i < total; i += 1)
        pipeline.xadd(key, '*', 'role', 'user', 'text', `m${i}`, 'author', 'u');
      await pipeline.exec();
      expect(await fast.waitFor(total)).toHaveLength(total);
      release();
      const expected = Array.from({ length: total }, (_, i) => `m${i}`);
      expect((await slow.waitFor(total)).map((m) => m.text)).toEqual(expected);
      expect(fast.received.map((m) => m.text)).toEqual(expected);
      abort.abort();
      await Promise.all(following);
    } finally {
      await redis.close();
    }
  });
});
