import { execAll } from '../../../backends/redis/transaction';
import type { RedisHandle } from '../../../backends/redis/redis.driver';
import { keysUnder, scopesHeldOnRedis } from '../../../backends/redis/scope-keys';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import {
  importedPolicies,
  importedWindows,
  policyRecord,
  readPolicy,
  windowRecord,
  type RateLimitWindow,
} from './rate-limit-scope-records';

/** How long a log outlives its window (the sliding-window script's PEXPIRE adds the same). */
const LOG_TTL_MARGIN_MS = 1000;

/**
 * The scope data of the Redis rate-limit adapter (see `rate-limit-scope-records.ts` for the
 * records). A window's log becomes the sorted set the sliding-window script keeps (members
 * `{seq}:{cost}`, scores in µs) and its meta hash (`sum`, `seq`, `last`, `expires`), so the
 * script goes on from the imported state as if it had written it.
 */
export class RedisRateLimitScopeData implements ScopeData {
  constructor(private readonly redis: RedisHandle) {}

  async *exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    const raws = await this.redis.client.hvals(this.policiesKey(scope));
    const policies = raws.map((raw) => readPolicy(JSON.parse(raw) as object));
    policies.sort((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
    yield* yieldAll(policies.map(policyRecord));
    for (const { rest } of await keysUnder(this.redis, scope, 'rate_limit', 'log')) {
      const [action, subject] = rest.split(':').map(decodeURIComponent);
      if (action === undefined || subject === undefined) continue;
      const record = windowRecord(await this.window(scope, action, subject));
      if (record !== null) yield record;
    }
  }

  async importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const multi = this.redis.client.multi();
    for (const policy of importedPolicies(records)) {
      multi.hset(this.policiesKey(scope), policy.action, JSON.stringify(policy));
      multi.zadd(this.redis.key(scope, 'rate_limit', 'policy_index'), 0, policy.action);
    }
    for (const window of importedWindows(records)) {
      const [log, meta] = this.logKeys(scope, window.action, window.subject);
      const expireAt = Date.parse(window.expires_at) + LOG_TTL_MARGIN_MS;
      multi.del(log, meta);
      if (window.entries.length === 0) continue;
      const members = window.entries.flatMap((e, i) => [String(e.at_us), `${i + 1}:${e.cost}`]);
      multi.zadd(log, ...members);
      multi.hset(meta, {
        sum: window.entries.reduce((sum, e) => sum + e.cost, 0),
        seq: window.entries.length,
        last: String(window.entries.at(-1)?.at_us ?? 0),
        expires: String(Date.parse(window.expires_at)),
      });
      multi.pexpireat(log, expireAt);
      multi.pexpireat(meta, expireAt);
    }
    await execAll(multi);
  }

  /** Scopes with a policy or a window log (empty hashes and sets do not exist in Redis). */
  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return scopesHeldOnRedis(
      this.redis,
      tenantId,
      env,
      'rate_limit',
      (rest) => rest === 'policies' || rest.startsWith('log:'),
    );
  }

  async deleteScope(scope: Scope): Promise<void> {
    const keys = (await keysUnder(this.redis, scope, 'rate_limit')).map(({ key }) => key);
    for (let i = 0; i < keys.length; i += 500)
      await this.redis.client.del(...keys.slice(i, i + 500));
  }

  /** A key's log and meta as a window; a log written before meta kept `expires` dates it by its TTL. */
  private async window(scope: Scope, action: string, subject: string): Promise<RateLimitWindow> {
    const [log, meta] = this.logKeys(scope, action, subject);
    const [members, [expires], ttl] = await Promise.all([
      this.redis.client.zrange(log, '0', '-1', 'WITHSCORES'),
      this.redis.client.hmget(meta, 'expires'),
      this.redis.client.pttl(log),
    ]);
    const entries: RateLimitWindow['entries'] = [];
    for (let i = 0; i + 1 < members.length; i += 2) {
      const cost = Number((members[i] ?? '').split(':')[1]);
      entries.push({ at_us: Number(members[i + 1]), cost });
    }
    const expiresMs =
      expires !== null && expires !== undefined
        ? Number(expires)
        : ttl > 0
          ? Date.now() + ttl - LOG_TTL_MARGIN_MS
          : 0;
    return { action, subject, expires_at: new Date(expiresMs).toISOString(), entries };
  }

  private policiesKey(scope: Scope): string {
    return this.redis.key(scope, 'rate_limit', 'policies');
  }

  private logKeys(scope: Scope, action: string, subject: string): [string, string] {
    return [
      this.redis.key(scope, 'rate_limit', 'log', action, subject),
      this.redis.key(scope, 'rate_limit', 'meta', action, subject),
    ];
  }
}
