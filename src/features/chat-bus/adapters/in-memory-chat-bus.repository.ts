import { newestFirst, ScopedRecords } from '../../../backends/memory/scoped-records';
import { ScopedState } from '../../../backends/memory/scoped-state';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { ChatBusRepository } from '../chat-bus.repository';
import {
  CHAT_STREAM_MAXLEN,
  type ChatMessage,
  type ChatThread,
  type MessageSink,
  type NewChatMessage,
} from '../chat-bus.types';
import {
  byThread,
  ChatImportOrderError,
  importedMessages,
  importedThreads,
  messageRecord,
  sortedById,
  threadRecord,
} from './chat-bus-scope-records';
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
export class InMemoryChatBusRepository extends ChatBusRepository implements ScopeData {
  private readonly threads = new ScopedRecords<ChatThread>();
  /** Each scope's streams by thread id. */
  private readonly streams = new ScopedState(() => new Map<string, MemoryStream>());

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
    push(stream, stored);
    if (stream.messages.length > this.maxLen)
      stream.messages.splice(0, stream.messages.length - this.maxLen);
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

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    const threads = sortedById(this.threads.values(scope)).map(threadRecord);
    const streams = [...(this.streams.peek(scope) ?? [])].sort(([a], [b]) => (a < b ? -1 : 1));
    const messages = streams.flatMap(([, stream]) => stream.messages.map(messageRecord));
    return yieldAll([...threads, ...messages]);
  }

  /** Threads are upserted; messages are appended with their ids, or skipped when already stored. */
  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    return Promise.resolve().then(() => {
      for (const thread of importedThreads(records)) this.threads.set(scope, thread.id, thread);
      for (const [threadId, messages] of byThread(importedMessages(records))) {
        const stream = this.stream(scope, threadId);
        for (const message of messages) {
          if (compareStreamIds(message.id, stream.lastId) > 0) push(stream, { ...message });
          else if (!stream.messages.some((m) => m.id === message.id))
            throw new ChatImportOrderError(threadId, message.id, stream.lastId);
        }
      }
    });
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    const held = new Map(this.threads.scopesHeld(tenantId, env).map((s) => [String(s), s]));
    for (const [scope, streams] of this.streams.scopesOf(tenantId, env)) {
      if ([...streams.values()].some((stream) => stream.messages.length > 0))
        held.set(String(scope), scope);
    }
    return Promise.resolve([...held.values()]);
  }

  deleteScope(scope: Scope): Promise<void> {
    this.threads.clear(scope);
    this.streams.delete(scope);
    return Promise.resolve();
  }

  private after(stream: MemoryStream, after: string, limit: number): ChatMessage[] {
    return stream.messages
      .filter((m) => compareStreamIds(m.id, after) > 0)
      .slice(0, limit)
      .map((m) => ({ ...m }));
  }

  private stream(scope: Scope, threadId: string): MemoryStream {
    const streams = this.streams.of(scope);
    let stream = streams.get(threadId);
    if (stream === undefined) {
      stream = { messages: [], lastId: '0-0', waiters: new Set() };
      streams.set(threadId, stream);
    }
    return stream;
  }
}

/** Appends a message whose id is above the stream's last one, and wakes the stream's followers. */
function push(stream: MemoryStream, message: ChatMessage): void {
  stream.lastId = message.id;
  stream.messages.push(message);
  const waiters = [...stream.waiters];
  stream.waiters.clear();
  waiters.forEach((wake) => wake());
}
