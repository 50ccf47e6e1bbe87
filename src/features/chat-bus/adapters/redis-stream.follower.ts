import type Redis from 'ioredis';
import type { RedisHandle } from '../../../backends/redis/redis.driver';
import { withTimeout } from '../../../backends/with-timeout';
import type { MessageSink } from '../chat.types';
import { entriesOfXread, toChatMessage } from './redis-stream-entries';

/** How a follower waits. */
export interface FollowTiming {
  /** Longest single XREAD BLOCK; the loop re-arms after each slice. */
  blockMs: number;
  /** Extra time a slice may take before the backend counts as unavailable. */
  graceMs: number;
}

/** Entries read per XREAD. */
const BATCH = 100;
/** Name of follower connections in CLIENT LIST, so operators can see live SSE subscribers. */
export const FOLLOWER_CONNECTION_NAME = 'chat_bus_follow';

/**
 * Reads one stream from `after` on, on a dedicated connection (XREAD BLOCK holds the
 * connection, so it can never share the pooled client). Each wait is a bounded slice; a slice
 * that does not come back in time means Redis is unreachable and rejects as a timeout. The
 * connection is closed as soon as `signal` aborts (the subscriber left) or anything fails.
 */
export async function followStream(
  redis: RedisHandle,
  stream: { key: string; threadId: string },
  after: string,
  sink: MessageSink,
  signal: AbortSignal,
  timing: FollowTiming,
): Promise<void> {
  if (signal.aborted) return;
  const connection: Redis = redis.blockingClient();
  const stop = (): void => connection.disconnect();
  signal.addEventListener('abort', stop, { once: true });
  let last = after;
  try {
    await withTimeout(
      connection.client('SETNAME', FOLLOWER_CONNECTION_NAME),
      timing.blockMs + timing.graceMs,
      'redis follower connect',
    );
    while (!signal.aborted) {
      const read = connection.xread(
        'COUNT',
        BATCH,
        'BLOCK',
        timing.blockMs,
        'STREAMS',
        stream.key,
        last,
      );
      const entries = entriesOfXread(
        await withTimeout(read, timing.blockMs + timing.graceMs, 'redis XREAD BLOCK'),
      );
      if (entries.length === 0 || signal.aborted) continue;
      const messages = entries.map((entry) => toChatMessage(stream.threadId, entry));
      last = messages[messages.length - 1]?.id ?? last;
      await sink(messages);
    }
  } catch (err) {
    // Aborting disconnects the connection, which fails the pending XREAD: that is the normal end.
    if (!signal.aborted) throw err;
  } finally {
    signal.removeEventListener('abort', stop);
    connection.disconnect();
  }
}
