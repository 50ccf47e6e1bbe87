import { newestFirst, ScopedRecords } from '../../../backends/memory/scoped-records';
import type { Scope } from '../../../common/scope/scope';
import { ChatBusRepository } from '../chat-bus.repository';
import {
  CHAT_STREAM_MAXLEN,
  type ChatMessage,
  type ChatThread,
  type MessageSink,
  type NewChatMessage,
} from '../chat-bus.types';
import { compareStreamIds, nextStreamId } from './redis-stream-id';

/** One thread's message stream, like a Redis stream: ordered ids, capped length, waiters. */
interface MemoryStream {
  messages: ChatMessage[];
  lastId: string;
  waiters: Set<() => void>;
}

/**
 * Dev/test adapter with the same semantics as the Redis one (stream ids, exclusive `after`,
 * exact cap of `maxLen` messages). Forgets everything at restart.
 */
export class InMemoryChatBusRepository extends ChatBusRepository {
  private readonly threads = new ScopedRecords<ChatThread>();
  private readonly streams = new Map<string, MemoryStream>();

  constructor(private readonly maxLen = CHAT_STREAM_MAXLEN) {
    super();
  }

  createThread(scope: Scope, thread: ChatThread): Promise<ChatThread> {
    return Promise.resolve(this.threads.set(scope, thread.id, thread));
  }

  getThread(scope: Scope, id: string): Promise<ChatThread | null> {
    return Promise.resolve(this.threads.get(scope, id));
  }

  listThreads(scope: Scope, page: { limit: number; before?: string }): Promise<ChatThread[]> {
    return Promise.resolve(newestFirst(this.threads.values(scope), page.before, page.limit));
  }

  appendMessage(scope: Scope, threadId: string, message: NewChatMessage): Promise<ChatMessage> {
    const stream = this.stream(scope, threadId);
    const id = nextStreamId(stream.lastId, Date.now());
    const stored: ChatMessage = {
      id,
      thread_id: threadId,
      ...message,
      created_at: new Date(Number(id.split('-')[0])).toISOString(),
    };
    stream.lastId = id;
    stream.messages.push(stored);
    if (stream.messages.length > this.maxLen)
      stream.messages.splice(0, stream.messages.length - this.maxLen);
    const waiters = [...stream.waiters];
    stream.waiters.clear();
    waiters.forEach((wake) => wake());
    return Promise.resolve({ ...stored });
  }

  listMessages(
    scope: Scope,
    threadId: string,
    page: { limit: number; after?: string },
  ): Promise<ChatMessage[]> {
    return Promise.resolve(
      this.after(this.stream(scope, threadId), page.after ?? '0-0', page.limit),
    );
  }

  lastMessageId(scope: Scope, threadId: string): Promise<string> {
    return Promise.resolve(this.stream(scope, threadId).messages.at(-1)?.id ?? '0-0');
  }

  async follow(
    scope: Scope,
    threadId: string,
    after: string,
    sink: MessageSink,
    signal: AbortSignal,
  ): Promise<void> {
    const stream = this.stream(scope, threadId);
    let last = after;
    while (!signal.aborted) {
      const batch = this.after(stream, last, 100);
      if (batch.length > 0) {
        last = batch[batch.length - 1]?.id ?? last;
        await sink(batch);
        continue;
      }
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          stream.waiters.delete(wake);
          signal.removeEventListener('abort', wake);
          resolve();
        };
        stream.waiters.add(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
  }

  private after(stream: MemoryStream, after: string, limit: number): ChatMessage[] {
    return stream.messages
      .filter((m) => compareStreamIds(m.id, after) > 0)
      .slice(0, limit)
      .map((m) => ({ ...m }));
  }

  private stream(scope: Scope, threadId: string): MemoryStream {
    const key = `${scope.toString()}|${threadId}`;
    let stream = this.streams.get(key);
    if (stream === undefined) {
      stream = { messages: [], lastId: '0-0', waiters: new Set() };
      this.streams.set(key, stream);
    }
    return stream;
  }
}
