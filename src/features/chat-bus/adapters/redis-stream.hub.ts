import type Redis from 'ioredis';
import { BackendError } from '../../../backends/backend.error';
import type { RedisHandle } from '../../../backends/redis/redis.driver';
import { withTimeout } from '../../../backends/with-timeout';
import { streamsOfXread, toChatMessage } from './redis-stream-entries';
import type { RedisStreamSubscriber } from './redis-stream-subscriber';

/** How the shared reader waits. */
export interface FollowTiming {
  /** Longest single XREAD BLOCK; the loop re-arms after each slice. */
  blockMs: number;
  /** Extra time a slice may take before the backend counts as unavailable. */
  graceMs: number;
}

/** Entries read per stream per XREAD. */
export const READ_BATCH = 100;
/** Name of the shared reader connection in CLIENT LIST, so operators can see it. */
export const FOLLOWER_CONNECTION_NAME = 'chat_bus_follow';

/** A thread stream with live subscribers, and where the shared reader is in it. */
interface FollowedStream {
  threadId: string;
  /** Id of the last entry the reader delivered (or the first subscriber's start). */
  cursor: string;
  subscribers: Set<RedisStreamSubscriber>;
}

/** The running reader: its connection, its CLIENT ID, the stream set of its pending XREAD. */
interface Reader {
  connection: Redis;
  clientId: number | null;
  /** {@link RedisStreamHub.generation} of the XREAD in flight, or -1 between reads. */
  readGeneration: number;
}

/**
 * One blocking reader for every live feed of an adapter: a single connection runs
 * `XREAD BLOCK` over all followed thread streams and fans new entries out in process, so
 * Redis connections stay constant however many SSE clients listen. The connection opens with
 * the first subscriber and closes with the last. When a stream joins, the pending XREAD is
 * woken (`CLIENT UNBLOCK`) to include it. If the reader fails (Redis down, killed, frozen
 * past the bound) every subscriber fails with that error, never a silent stall.
 */
export class RedisStreamHub {
  private readonly streams = new Map<string, FollowedStream>();
  private reader: Reader | null = null;
  /** Bumped whenever the set of followed streams changes. */
  private generation = 0;

  constructor(
    private readonly redis: RedisHandle,
    private readonly timing: FollowTiming,
  ) {}

  /** Starts delivering the stream's entries after `after` (or after the reader's cursor) to `subscriber`. */
  add(
    stream: { key: string; threadId: string },
    after: string,
    subscriber: RedisStreamSubscriber,
  ): void {
    let followed = this.streams.get(stream.key);
    if (followed === undefined) {
      followed = { threadId: stream.threadId, cursor: after, subscribers: new Set() };
      this.streams.set(stream.key, followed);
      this.generation += 1;
    }
    followed.subscribers.add(subscriber);
    if (this.reader === null) this.start();
    else this.interrupt(this.reader);
  }

  remove(key: string, subscriber: RedisStreamSubscriber): void {
    const followed = this.streams.get(key);
    if (followed === undefined || !followed.subscribers.delete(subscriber)) return;
    if (followed.subscribers.size > 0) return;
    this.streams.delete(key);
    this.generation += 1;
    if (this.streams.size === 0 && this.reader !== null) {
      const idle = this.reader;
      this.reader = null;
      idle.connection.disconnect();
    }
  }

  private start(): void {
    const reader: Reader = {
      connection: this.redis.blockingClient(),
      clientId: null,
      readGeneration: -1,
    };
    this.reader = reader;
    void this.run(reader);
  }

  private async run(reader: Reader): Promise<void> {
    const { connection } = reader;
    // ioredis would quietly reconnect and resend the XREAD: a lost connection is a failure here.
    const lost = new Promise<never>((_, reject) =>
      connection.once('close', () =>
        reject(new BackendError('unavailable', 'redis: the live feed connection was lost')),
      ),
    );
    lost.catch(() => undefined);
    const bound = this.timing.blockMs + this.timing.graceMs;
    const call = <T>(work: Promise<T>, what: string): Promise<T> =>
      Promise.race([withTimeout(work, bound, what), lost]);
    try {
      await call(connection.client('SETNAME', FOLLOWER_CONNECTION_NAME), 'redis connect');
      reader.clientId = Number(await call(connection.client('ID'), 'redis CLIENT ID'));
      await this.readWhileFollowed(reader, call);
    } catch (err) {
      if (this.reader === reader) this.failAll(err);
    } finally {
      if (this.reader === reader) this.reader = null;
      connection.disconnect();
    }
  }

  /** XREAD BLOCK over every followed stream from its cursor, until no stream is followed. */
  private async readWhileFollowed(
    reader: Reader,
    call: <T>(work: Promise<T>, what: string) => Promise<T>,
  ): Promise<void> {
    while (this.reader === reader && this.streams.size > 0) {
      const keys = [...this.streams.keys()];
      const ids = keys.map((key) => this.streams.get(key)?.cursor ?? '$');
      reader.readGeneration = this.generation;
      const read = reader.connection.xread(
        'COUNT',
        READ_BATCH,
        'BLOCK',
        this.timing.blockMs,
        'STREAMS',
        ...keys,
        ...ids,
      );
      const reply = await call(read, 'redis XREAD BLOCK');
      reader.readGeneration = -1;
      this.deliver(reply);
    }
  }

  /** Hands each stream's new entries to its subscribers (synchronously, with the cursor move). */
  private deliver(reply: unknown): void {
    for (const [key, entries] of streamsOfXread(reply)) {
      const followed = this.streams.get(key);
      if (followed === undefined || entries.length === 0) continue;
      const messages = entries.map((entry) => toChatMessage(followed.threadId, entry));
      followed.cursor = messages[messages.length - 1]?.id ?? followed.cursor;
      for (const subscriber of followed.subscribers) subscriber.push(messages);
    }
  }

  private failAll(err: unknown): void {
    const failed = [...this.streams.values()].flatMap((f) => [...f.subscribers]);
    this.streams.clear();
    this.generation += 1;
    for (const subscriber of failed) subscriber.fail(err);
  }

  /**
   * Wakes the pending XREAD so the next one includes a new stream. An UNBLOCK that reaches
   * Redis before the XREAD it targets finds nothing to wake; it is then tried again shortly.
   */
  private interrupt(reader: Reader): void {
    const stale = (): boolean =>
      this.reader === reader &&
      reader.clientId !== null &&
      reader.readGeneration >= 0 &&
      reader.readGeneration !== this.generation;
    if (!stale()) return;
    this.redis.client.client('UNBLOCK', reader.clientId as number).then(
      (woken) => {
        if (Number(woken) === 0 && stale()) setTimeout(() => this.interrupt(reader), 5).unref();
      },
      // Redis unreachable: the pending XREAD fails or times out on its own.
      () => undefined,
    );
  }
}
