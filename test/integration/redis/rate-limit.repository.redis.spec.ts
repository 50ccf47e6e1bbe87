import { Scope } from '../../../src/common/scope/scope';
import { RedisRateLimitRepository } from '../../../src/features/rate-limit/adapters/redis-rate-limit.repository';
import { rateLimitRepositoryContract } from '../../contract/rate-limit.repository.contract';
import { redisHandle } from '../../utils/backend-handles';

describe('RedisRateLimitRepository (redis-server)', () => {
  rateLimitRepositoryContract(() => {
    const redis = redisHandle();
    return Promise.resolve({ repo: new RedisRateLimitRepository(redis), close: redis.close });
  });

  it('still consumes after the server forgets its scripts (EVALSHA falls back to EVAL)', async () => {
    const redis = redisHandle();
    try {
      const repo = new RedisRateLimitRepository(redis);
      const scope = Scope.of('t_rl_flush', 'test', 'p_web');
      const request = { action: 'a', subject: 's', cost: 1, limit: 2, windowMs: 60_000 };
      await repo.consume(scope, request);
      await redis.client.script('FLUSH');
      await expect(repo.consume(scope, request)).resolves.toMatchObject({
        allowed: true,
        remaining: 0,
      });
    } finally {
      await redis.close();
    }
  });

  it('keeps the log under the scope prefix and lets it expire after the window', async () => {
    const redis = redisHandle({ keyPrefix: `rlk${Date.now()}` });
    try {
      const scope = Scope.of('t_rl_keys', 'test', 'p_web');
      await new RedisRateLimitRepository(redis).consume(scope, {
        action: 'a',
        subject: 'ip:1',
        cost: 1,
        limit: 2,
        windowMs: 5_000,
      });
      const key = redis.key(scope, 'rate_limit', 'log', 'a', 'ip:1');
      expect(key).toContain(':t_rl_keys:test:p_web:rate_limit:log:a:ip%3A1');
      expect(await redis.client.zcard(key)).toBe(1);
      const ttl = await redis.client.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(6_000);
    } finally {
      await redis.close();
    }
  });
});
