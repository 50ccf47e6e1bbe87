import { createHash } from 'node:crypto';
import type { RedisHandle } from '../../../backends/redis/redis.driver';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { RateLimitPolicyVersionConflictError } from '../rate-limit.errors';
import { RateLimitRepository } from '../rate-limit.repository';
import type {
  ConsumeOutcome,
  ConsumeRequest,
  RateLimitPolicy,
  RateLimitPolicyInput,
} from '../rate-limit.types';
import { RedisRateLimitScopeData } from './redis-rate-limit.scope-data';
import { SLIDING_WINDOW_SCRIPT } from './redis-sliding-window.lua';

const SCRIPT_SHA = createHash('sha1').update(SLIDING_WINDOW_SCRIPT).digest('hex');

/** Optimistic write of a policy: checks the stored version and writes hash + index together. */
const PUT_POLICY_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
local version = 0
if current then version = cjson.decode(current).version end
if ARGV[3] ~= '' and tonumber(ARGV[3]) ~= version then return {0, version} end
local policy = cjson.decode(ARGV[2])
policy.version = version + 1
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(policy))
redis.call('ZADD', KEYS[2], 0, ARGV[1])
return {1, version + 1}
`;
const PUT_POLICY_SHA = createHash('sha1').update(PUT_POLICY_SCRIPT).digest('hex');

/**
 * Policies in a hash `{tenant}:{env}:{project}:rate_limit:policies` (field = action, value =
 * JSON) with a lexicographic index for paging. Each consumption is ONE Lua script
 * ({@link SLIDING_WINDOW_SCRIPT}) over the key's log and meta, so it is atomic under any
 * concurrency. Scripts run by EVALSHA, falling back to EVAL when the server does not have
 * them cached (after a restart or SCRIPT FLUSH). Scope data: {@link RedisRateLimitScopeData}.
 */
export class RedisRateLimitRepository extends RateLimitRepository implements ScopeData {
  private readonly data: RedisRateLimitScopeData;

  constructor(private readonly redis: RedisHandle) {
    super();
    this.data = new RedisRateLimitScopeData(redis);
  }

  async getPolicy(scope: Scope, action: string): Promise<RateLimitPolicy | null> {
    const raw = await this.redis.client.hget(
      this.redis.key(scope, 'rate_limit', 'policies'),
      action,
    );
    return raw === null ? null : (JSON.parse(raw) as RateLimitPolicy);
  }

  async putPolicy(
    scope: Scope,
    action: string,
    input: RateLimitPolicyInput,
    write: { actor: string; expectedVersion?: number },
  ): Promise<RateLimitPolicy> {
    const policy: Omit<RateLimitPolicy, 'version'> = {
      action,
      limit: input.limit,
      window_seconds: input.window_seconds,
      updated_at: new Date().toISOString(),
      updated_by: write.actor,
    };
    const keys = [
      this.redis.key(scope, 'rate_limit', 'policies'),
      this.redis.key(scope, 'rate_limit', 'policy_index'),
    ];
    const args = [
      action,
      JSON.stringify(policy),
      write.expectedVersion === undefined ? '' : String(write.expectedVersion),
    ];
    const [written, version] = (await this.run(PUT_POLICY_SHA, PUT_POLICY_SCRIPT, keys, args)) as [
      number,
      number,
    ];
    if (written !== 1)
      throw new RateLimitPolicyVersionConflictError(
        write.expectedVersion ?? 0,
        version === 0 ? null : version,
      );
    return { ...policy, version };
  }

  async listPolicies(
    scope: Scope,
    page: { limit: number; after?: string },
  ): Promise<RateLimitPolicy[]> {
    const start = page.after === undefined ? '-' : `(${page.after}`;
    const actions = await this.redis.client.zrangebylex(
      this.redis.key(scope, 'rate_limit', 'policy_index'),
      start,
      '+',
      'LIMIT',
      0,
      page.limit,
    );
    if (actions.length === 0) return [];
    const raws = await this.redis.client.hmget(
      this.redis.key(scope, 'rate_limit', 'policies'),
      ...actions,
    );
    return raws.flatMap((raw) => (raw === null ? [] : [JSON.parse(raw) as RateLimitPolicy]));
  }

  async consume(scope: Scope, request: ConsumeRequest): Promise<ConsumeOutcome> {
    const keys = [
      this.redis.key(scope, 'rate_limit', 'log', request.action, request.subject),
      this.redis.key(scope, 'rate_limit', 'meta', request.action, request.subject),
    ];
    const args = [String(request.limit), String(request.windowMs * 1000), String(request.cost)];
    const [allowed, remaining, resetAtUs, retryAfterUs] = (await this.run(
      SCRIPT_SHA,
      SLIDING_WINDOW_SCRIPT,
      keys,
      args,
    )) as number[];
    return {
      allowed: allowed === 1,
      remaining: remaining ?? 0,
      resetAtMs: Math.ceil((resetAtUs ?? 0) / 1000),
      retryAfterMs: Math.ceil((retryAfterUs ?? 0) / 1000),
    };
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return this.data.exportScope(scope);
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    return this.data.importRecords(scope, records);
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return this.data.scopesHeld(tenantId, env);
  }

  deleteScope(scope: Scope): Promise<void> {
    return this.data.deleteScope(scope);
  }

  private async run(sha: string, script: string, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await this.redis.client.evalsha(sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return this.redis.client.eval(script, keys.length, ...keys, ...args);
    }
  }
}
