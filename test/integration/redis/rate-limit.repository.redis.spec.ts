import { Scope } from '../../../src/common/scope/scope';
import { collectRecords } from '../../../src/common/scope-data/scope-data';
import { InMemoryRateLimitRepository } from '../../../src/features/rate-limit/adapters/in-memory-rate-limit.repository';
import { RedisRateLimitRepository } from '../../../src/features/rate-limit/adapters/redis-rate-limit.repository';
import { rateLimitRepositoryContract } from '../../contract/rate-limit.repository.contract';
import { rateLimitMoveChecks, rateLimitScopeData } from '../../contract/rate-limit.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { redisHandle } from '../../utils/backend-handles';

const redisSide = {
  backend: 'redis',
  make: () => {
    const redis = redisHandle();
    return Promise.resolve({ repo: new RedisRateLimitRepository(redis), close: redis.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryRateLimitRepository(), close: () => Promise.resolve() }),
};

describe('RedisRateLimitRepository (redis-server)', () => {
  rateLimitRepositoryContract(redisSide.make);
  scopeDataContract(memory, redisSide, rateLimitScopeData);
  scopeDataContract(redisSide, memory, rateLimitScopeData);
  rateLimitMoveChecks(memory, redisSide);
  rateLimitMoveChecks(redisSide, memory);

  it('names only the scopes under its own key prefix (one SCAN, the prefix fixed)', async () => {
    const stamp = Date.now().toString(36);
    const mine = redisHandle({ keyPrefix: `rlp${stamp}` });
    const other = redisHandle({ keyPrefix: `rlp${stamp}x` });
    try {
      const scope = Scope.of('t_rl_prefix', 'test', 'p_web');
      const policy = { limit: 1, window_seconds: 60 };
      await new RedisRateLimitRepository(other).putPolicy(scope, 'a', policy, { actor: 'u' });
      await new RedisRateLimitRepository(other).putPolicy(scope.tenantWide(), 'a', policy, {
        actor: 'u',
      });
      const repo = new RedisRateLimitRepository(mine);
      expect(await repo.scopesHeld('t_rl_prefix', 'test')).toEqual([]);
      await repo.consume(scope, { action: 'a', subject: 's', cost: 1, limit: 2, windowMs: 60_000 });
      expect((await repo.scopesHeld('t_rl_prefix', 'test')).map(String)).toEqual([String(scope)]);
      await repo.deleteScope(scope);
      expect(await scanned(mine, `rlp${stamp}:*`)).toEqual([]);
      expect((await scanned(other, `rlp${stamp}x:*`)).length).toBe(4); // 2 scopes × policies + index
    } finally {
      await mine.close();
      await other.close();
    }
  });

  it('exports a log written before its meta kept an expiry, dating it by its TTL', async () => {
    const redis = redisHandle();
    try {
      const repo = new RedisRateLimitRepository(redis);
      const scope = Scope.of('t_rl_legacy', 'test', 'p_web');
      await repo.consume(scope, { action: 'a', subject: 's', cost: 2, limit: 5, windowMs: 60_000 });
      await redis.client.hdel(redis.key(scope, 'rate_limit', 'meta', 'a', 's'), 'expires');
      const [window] = await collectRecords(repo.exportScope(scope));
      expect(window).toMatchObject({ collection: 'windows', id: 'a|s' });
      const expires = Date.parse((window?.data as { expires_at: string }).expires_at);
      expect(Math.abs(expires - (Date.now() + 60_000))).toBeLessThan(2_000);
      expect((window?.data as { entries: unknown[] }).entries).toEqual([
        { at_us: expect.any(Number) as number, cost: 2 },
      ]);
    } finally {
      await redis.close();
    }
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

/** Keys matching `pattern`, for checks (the adapter itself only SCANs). */
async function scanned(redis: ReturnType<typeof redisHandle>, pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.client.scan(cursor, 'MATCH', pattern, 'COUNT', 100);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}
