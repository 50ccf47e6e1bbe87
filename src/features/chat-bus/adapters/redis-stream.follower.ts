import type { RedisHandle } from '../../../backends/redis/redis.driver';
import { withTimeout } from '../../../backends/with-timeout';
import type { MessageSink } from '../chat-bus.types';
import { toChatMessage, type StreamEntry } from './redis-stream-entries';
import { READ_BATCH, type RedisStreamHub } from './redis-stream.hub';
import { RedisStreamSubscriber } from './redis-stream-subscriber';

/** A thread's stream and how long one catch-up read may take. */
export interface FollowedThread {
  key: string;
  threadId: string;
  /** Bound on each catch-up read (the pooled client's own command timeout applies too). */
  readTimeoutMs: number;
}

/**
 * Feeds one subscriber: it joins the shared reader first (which from then on buffers every new
 * entry for it), then reads what is already stored after `after` on the pooled client, then
 * hands over the buffered and live entries. The subscriber's `last` id removes the overlap,
 * so every message arrives once and in order, with no gap. Resolves when `signal` aborts;
 * rejects when the shared reader fails.
 */
export async function followStream(
  redis: RedisHandle,
  hub: RedisStreamHub,
  thread: FollowedThread,
  after: string,
  sink: MessageSink,
  signal: AbortSignal,
): Promise<void> {
  if (signal.aborted) return;
  const subscriber = new RedisStreamSubscriber(after);
  hub.add(thread, after, subscriber);
  try {
    while (!signal.aborted) {
      // Reads the stream itself at the start, and again whenever buffered messages were dropped.
      subscriber.takeDropped();
      await catchUp(redis, thread, subscriber, sink, signal);
      if (subscriber.takeDropped()) continue;
      let messages = await subscriber.next(signal);
      while (messages !== null) {
        await subscriber.whileAlive(sink(messages));
        messages = await subscriber.next(signal);
      }
    }
  } finally {
    hub.remove(thread.key, subscriber);
  }
}

/** Sends what the stream already holds after the subscriber's position, page by page. */
async function catchUp(
  redis: RedisHandle,
  thread: FollowedThread,
  subscriber: RedisStreamSubscriber,
  sink: MessageSink,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    const read = redis.client.xrange(
      thread.key,
      `(${subscriber.position}`,
      '+',
      'COUNT',
      READ_BATCH,
    ) as Promise<StreamEntry[]>;
    const entries = await withTimeout(read, thread.readTimeoutMs, 'redis XRANGE');
    const fresh = subscriber.accept(entries.map((entry) => toChatMessage(thread.threadId, entry)));
    if (fresh.length > 0) await subscriber.whileAlive(sink(fresh));
    if (entries.length < READ_BATCH) return;
  }
}
