import type { ChatMessage } from '../chat-bus.types';
import { compareStreamIds } from './redis-stream-id';

/**
 * Messages kept waiting for one subscriber. Past it they are dropped and the subscriber reads
 * them again from the stream when it gets there: a slow client (or a long catch-up) never makes
 * the shared reader hold unbounded memory, and never loses a message the stream still holds.
 */
export const MAX_PENDING_MESSAGES = 1_000;

/**
 * One live feed's side of the shared stream reader: the reader pushes every new message of
 * the thread; the feed takes them in order. `last` is the id of the last message handed to
 * the feed, so a message that arrives twice (from the catch-up read and from the shared
 * reader) is handed over once, and none is skipped.
 */
export class RedisStreamSubscriber {
  private pending: ChatMessage[] = [];
  private failure: { error: unknown } | null = null;
  private dropped = false;
  private wake: (() => void) | null = null;
  private rejectFailed: (error: unknown) => void = () => undefined;
  /** Rejects when the feed fails; lets a send that waits on a slow client stop waiting. */
  private readonly failed = new Promise<never>((_, reject) => (this.rejectFailed = reject));

  constructor(private last: string) {
    this.failed.catch(() => undefined);
  }

  /** Id of the last message handed to the feed (or where it started). */
  get position(): string {
    return this.last;
  }

  /** Called by the shared reader with the thread's new messages, in stream order. */
  push(messages: readonly ChatMessage[]): void {
    if (this.failure !== null) return;
    this.pending.push(...messages);
    if (this.pending.length > MAX_PENDING_MESSAGES) {
      this.pending = [];
      this.dropped = true;
    }
    this.notify();
  }

  /** Ends the feed: {@link next} rejects with `error`. */
  fail(error: unknown): void {
    if (this.failure !== null) return;
    this.failure = { error };
    this.pending = [];
    this.rejectFailed(error);
    this.notify();
  }

  /** `work` (a send to the client), cut short with the feed's error if the feed fails meanwhile. */
  whileAlive<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.failed]);
  }

  /** Of `messages` (in order), those after the last one handed over; they count as handed over. */
  accept(messages: readonly ChatMessage[]): ChatMessage[] {
    const fresh = messages.filter((m) => compareStreamIds(m.id, this.last) > 0);
    const newest = fresh.at(-1);
    if (newest !== undefined) this.last = newest.id;
    return fresh;
  }

  /**
   * Whether messages were dropped since the last call (the subscriber must re-read the stream
   * from {@link position}); clears the mark.
   */
  takeDropped(): boolean {
    const dropped = this.dropped;
    this.dropped = false;
    return dropped;
  }

  /**
   * The next new messages; waits for some. Null once `signal` aborts or when messages were
   * dropped (see {@link takeDropped}); rejects if the feed failed.
   */
  async next(signal: AbortSignal): Promise<ChatMessage[] | null> {
    for (;;) {
      if (this.failure !== null) throw this.failure.error;
      if (signal.aborted || this.dropped) return null;
      const fresh = this.accept(this.pending);
      this.pending = [];
      if (fresh.length > 0) return fresh;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          this.wake = null;
          resolve();
        };
        this.wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }

  private notify(): void {
    this.wake?.();
  }
}
