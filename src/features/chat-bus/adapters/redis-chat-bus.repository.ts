import { execAll } from '../../../backends/redis/transaction';
import type { RedisHandle } from '../../../backends/redis/redis.driver';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { ChatBusRepository } from '../chat-bus.repository';
import {
  CHAT_STREAM_MAXLEN,
  type ChatMessage,
  type ChatThread,
  type MessageSink,
  type NewChatMessage,
} from '../chat-bus.types';
import { RedisChatBusScopeData } from './redis-chat-bus.scope-data';
import { toChatMessage, type StreamEntry } from './redis-stream-entries';
import { followStream } from './redis-stream.follower';
import { RedisStreamHub, type FollowTiming } from './redis-stream.hub';

/** Tuning of {@link RedisChatBusRepository}. */
export interface RedisChatOptions {
  /** Approximate cap on messages per thread (`XADD MAXLEN ~`), default {@link CHAT_STREAM_MAXLEN}. */
  maxLen?: number;
  /** Live-feed waits of the shared reader (default: 5 s slices, 5 s grace). */
  follow?: Partial<FollowTiming>;
}

/**
 * Keys, all under the scope (`{key_prefix:}{tenant}:{env}:{project|-}:chat:…`):
 * - `chat:threads` hash, thread id → thread JSON;
 * - `chat:thread_index` sorted set of thread ids (all score 0, read by lex order: ids sort by time);
 * - `chat:thread:{id}:messages` stream of the thread's messages (fields role, text, author).
 * With Redis persistence (AOF) on, threads and messages survive restarts of the app and of Redis.
 * Scope data: {@link RedisChatBusScopeData}.
 */
export class RedisChatBusRepository extends ChatBusRepository implements ScopeData {
  private readonly maxLen: number;
  private readonly timing: FollowTiming;
  /** The one blocking reader behind every live feed of this adapter. */
  private readonly hub: RedisStreamHub;
  private readonly data: RedisChatBusScopeData;

  constructor(
    private readonly redis: RedisHandle,
    options: RedisChatOptions = {},
  ) {
    super();
    this.maxLen = options.maxLen ?? CHAT_STREAM_MAXLEN;
    this.timing = { blockMs: 5_000, graceMs: 5_000, ...options.follow };
    this.hub = new RedisStreamHub(redis, this.timing);
    this.data = new RedisChatBusScopeData(redis);
  }

  async createThread(scope: Scope, thread: ChatThread): Promise<ChatThread> {
    await execAll(
      this.redis.client
        .multi()
        .hset(this.redis.key(scope, 'chat', 'threads'), thread.id, JSON.stringify(thread))
        .zadd(this.redis.key(scope, 'chat', 'thread_index'), 0, thread.id),
    );
    return thread;
  }

  async getThread(scope: Scope, id: string): Promise<ChatThread | null> {
    const raw = await this.redis.client.hget(this.redis.key(scope, 'chat', 'threads'), id);
    return raw === null ? null : (JSON.parse(raw) as ChatThread);
  }

  async listThreads(scope: Scope, page: { limit: number; before?: string }): Promise<ChatThread[]> {
    const start = page.before === undefined ? '+' : `(${page.before}`;
    const ids = await this.redis.client.zrevrangebylex(
      this.redis.key(scope, 'chat', 'thread_index'),
      start,
      '-',
      'LIMIT',
      0,
      page.limit,
    );
    if (ids.length === 0) return [];
    const raws = await this.redis.client.hmget(this.redis.key(scope, 'chat', 'threads'), ...ids);
    return raws.flatMap((raw) => (raw === null ? [] : [JSON.parse(raw) as ChatThread]));
  }

  async appendMessage(
    scope: Scope,
    threadId: string,
    message: NewChatMessage,
  ): Promise<ChatMessage> {
    const fields = ['role', message.role, 'text', message.text, 'author', message.author];
    const id = (await this.redis.client.xadd(
      this.stream(scope, threadId),
      'MAXLEN',
      '~',
      this.maxLen,
      '*',
      ...fields,
    )) as string;
    return toChatMessage(threadId, [id, fields]);
  }

  async listMessages(
    scope: Scope,
    threadId: string,
    page: { limit: number; after?: string },
  ): Promise<ChatMessage[]> {
    const start = page.after === undefined ? '-' : `(${page.after}`;
    const entries = (await this.redis.client.xrange(
      this.stream(scope, threadId),
      start,
      '+',
      'COUNT',
      page.limit,
    )) as StreamEntry[];
    return entries.map((entry) => toChatMessage(threadId, entry));
  }

  async lastMessageId(scope: Scope, threadId: string): Promise<string> {
    const newest = (await this.redis.client.xrevrange(
      this.stream(scope, threadId),
      '+',
      '-',
      'COUNT',
      1,
    )) as StreamEntry[];
    return newest[0]?.[0] ?? '0-0';
  }

  follow(
    scope: Scope,
    threadId: string,
    after: string,
    sink: MessageSink,
    signal: AbortSignal,
  ): Promise<void> {
    return followStream(
      this.redis,
      this.hub,
      { key: this.stream(scope, threadId), threadId, readTimeoutMs: this.timing.graceMs },
      after,
      sink,
      signal,
    );
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

  private stream(scope: Scope, threadId: string): string {
    return this.redis.key(scope, 'chat', 'thread', threadId, 'messages');
  }
}
