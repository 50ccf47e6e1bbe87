import { newSortableId } from '../../../src/common/ids/sortable-id';
import { Scope } from '../../../src/common/scope/scope';
import { RedisChatRepository } from '../../../src/features/chat-bus/adapters/redis-chat.repository';
import { FOLLOWER_CONNECTION_NAME } from '../../../src/features/chat-bus/adapters/redis-stream.follower';
import {
  chatRepositoryContract,
  CONTRACT_MAXLEN,
  FeedCollector,
} from '../../contract/chat.repository.contract';
import { redisHandle } from '../../utils/backend-handles';

/** Follower connections open on the test server right now. */
async function followers(client: ReturnType<typeof redisHandle>['client']): Promise<number> {
  const list = (await client.client('LIST')) as string;
  return list.split('\n').filter((line) => line.includes(`name=${FOLLOWER_CONNECTION_NAME} `))
    .length;
}

describe('RedisChatRepository (redis-server)', () => {
  chatRepositoryContract(() => {
    const redis = redisHandle();
    return Promise.resolve({
      repo: new RedisChatRepository(redis, { maxLen: CONTRACT_MAXLEN }),
      close: redis.close,
    });
  });

  it("keeps each thread's messages in a Redis stream under the scope prefix", async () => {
    const redis = redisHandle({ keyPrefix: `chk${Date.now()}` });
    try {
      const scope = Scope.of('t_chat_keys', 'test', 'p_web');
      const repo = new RedisChatRepository(redis, { maxLen: 5 });
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

  it('uses one dedicated blocking connection per follower and closes it when the subscriber leaves', async () => {
    const redis = redisHandle();
    try {
      const scope = Scope.of('t_chat_conn', 'test', 'p_web');
      const repo = new RedisChatRepository(redis, { follow: { blockMs: 200 } });
      const id = newSortableId();
      const before = await followers(redis.client);
      const feeds = [new FeedCollector(), new FeedCollector()];
      const aborts = [new AbortController(), new AbortController()];
      const following = feeds.map((feed, i) =>
        repo.follow(scope, id, '0-0', feed.sink, (aborts[i] as AbortController).signal),
      );
      await repo.appendMessage(scope, id, { role: 'user', text: 'x', author: 'u_a' });
      await Promise.all(feeds.map((f) => f.waitFor(1)));
      expect(await followers(redis.client)).toBe(before + 2);
      aborts.forEach((a) => a.abort());
      await Promise.all(following);
      await new Promise((r) => setTimeout(r, 50));
      expect(await followers(redis.client)).toBe(before);
    } finally {
      await redis.close();
    }
  });
});
