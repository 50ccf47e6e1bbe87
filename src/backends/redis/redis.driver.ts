import Redis from 'ioredis';
import type { Scope } from '../../common/scope/scope';
import { BackendError } from '../backend.error';
import { isNetworkOutageCode } from '../network-errors';
import type { BackendConnection, BackendDriver, BackendSettings } from '../backend-driver';
import { escapeSegment, scopeSegments } from '../scope-path';

/** What a Redis adapter receives. */
export interface RedisHandle {
  /** Shared client: commands are bounded by the deployment's backend timeout. */
  readonly client: Redis;
  /**
   * A key under the scope: `{key_prefix:}{tenant}:{env}:{project|-}:{part}:{part}`. Parts are
   * escaped, so ids containing `:` cannot collide with other keys.
   */
  key(scope: Scope, ...parts: string[]): string;
  /** A new connection for blocking reads (XREAD BLOCK); the caller must `quit()` it. */
  blockingClient(): Redis;
}

function options(config: Record<string, unknown>, settings: BackendSettings) {
  const passwordEnv = config.password_env as string | undefined;
  return {
    host: config.host as string,
    port: (config.port as number | undefined) ?? 6379,
    db: (config.db as number | undefined) ?? 0,
    username: config.username as string | undefined,
    password: passwordEnv ? settings.secret(passwordEnv) : undefined,
    tls: config.tls === true ? {} : undefined,
    connectTimeout: settings.timeoutMs,
    commandTimeout: settings.timeoutMs,
    maxRetriesPerRequest: 1,
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
  };
}

export const redisDriver: BackendDriver<Redis, RedisHandle> = {
  type: 'redis',
  connectionKey: (c) =>
    JSON.stringify([
      c.host,
      c.port ?? 6379,
      c.db ?? 0,
      c.tls ?? false,
      c.username ?? null,
      c.password_env ?? null,
    ]),
  connect(config, settings): BackendConnection<Redis> {
    const opts = options(config, settings);
    const client = new Redis({ ...opts, lazyConnect: false });
    // ioredis emits 'error' on every failed reconnect; calls report the outage themselves.
    client.on('error', () => undefined);
    return {
      client,
      close: async () => {
        await client.quit().catch(() => client.disconnect());
      },
    };
  },
  handle(connection, config): RedisHandle {
    const prefix = config.key_prefix as string | undefined;
    const client = connection.client;
    return {
      client,
      key: (scope, ...parts) =>
        [...(prefix ? [prefix] : []), ...scopeSegments(scope), ...parts.map(escapeSegment)].join(
          ':',
        ),
      blockingClient: () => {
        const blocking = client.duplicate({
          commandTimeout: undefined,
          maxRetriesPerRequest: null,
        });
        blocking.on('error', () => undefined);
        return blocking;
      },
    };
  },
  async ping(connection) {
    await connection.client.ping();
  },
  translate(err) {
    if (err instanceof BackendError) return err;
    if (!(err instanceof Error)) return null;
    if (
      isNetworkOutageCode((err as { code?: unknown }).code) ||
      err.name === 'MaxRetriesPerRequestError' ||
      /Command timed out|Connection is closed|Stream isn't writeable|connect ETIMEDOUT/i.test(
        err.message,
      )
    ) {
      return new BackendError('unavailable', `redis: ${err.message}`, err);
    }
    return null;
  },
};
