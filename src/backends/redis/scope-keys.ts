import { Scope, type Env } from '../../common/scope/scope';
import { TENANT_WIDE } from '../scope-path';
import type { RedisHandle } from './redis.driver';

/** Keys asked for per SCAN step (a hint to Redis, not a bound). */
const SCAN_COUNT = 500;

/** `text` as a literal inside a SCAN MATCH glob. */
function globLiteral(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Every key matching the glob `pattern`, each once. Uses SCAN, never KEYS: it walks the
 * keyspace a slice at a time, so a large database is never blocked for the whole walk.
 */
export async function scanKeys(redis: RedisHandle, pattern: string): Promise<string[]> {
  const found = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.client.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
    for (const key of keys) found.add(key);
    cursor = next;
  } while (cursor !== '0');
  return [...found].sort();
}

/**
 * The keys under `redis.key(scope, ...parts)` (that key followed by `:`), each with the part
 * after that prefix. Only the scope's own keys: the project segment is part of the prefix.
 */
export async function keysUnder(
  redis: RedisHandle,
  scope: Scope,
  ...parts: string[]
): Promise<{ key: string; rest: string }[]> {
  const base = `${redis.key(scope, ...parts)}:`;
  const keys = await scanKeys(redis, `${globLiteral(base)}*`);
  return keys.map((key) => ({ key, rest: key.slice(base.length) }));
}

/**
 * The scopes of `tenantId` in `env` (tenant-wide and projects) holding a key of `kindPart`
 * that `holds` accepts; `holds` receives what follows `{kindPart}:` in the key. One SCAN with
 * the route's key prefix, the tenant and the env fixed, any project.
 */
export async function scopesHeldOnRedis(
  redis: RedisHandle,
  tenantId: string,
  env: Env,
  kindPart: string,
  holds: (rest: string) => boolean,
): Promise<Scope[]> {
  const tenantKey = redis.key(Scope.of(tenantId, env, null));
  const base = tenantKey.slice(0, tenantKey.length - TENANT_WIDE.length);
  const marker = `:${kindPart}:`;
  const keys = await scanKeys(redis, `${globLiteral(base)}*${globLiteral(marker)}*`);
  const projects = new Set<string>();
  for (const key of keys) {
    const rest = key.slice(base.length);
    const end = rest.indexOf(':');
    if (end <= 0 || !rest.startsWith(marker, end)) continue;
    if (holds(rest.slice(end + marker.length))) projects.add(rest.slice(0, end));
  }
  return [...projects]
    .sort()
    .map((project) => Scope.of(tenantId, env, project === TENANT_WIDE ? null : project));
}
