import { execAll } from '../../../backends/redis/transaction';
import type { RedisHandle } from '../../../backends/redis/redis.driver';
import { keysUnder, scopesHeldOnRedis } from '../../../backends/redis/scope-keys';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import type { ChatMessage, ChatThread } from '../chat-bus.types';
import {
  byThread,
  ChatImportOrderError,
  importedMessages,
  importedThreads,
  messageRecord,
  sortedById,
  threadRecord,
} from './chat-bus-scope-records';
import { toChatMessage, type StreamEntry } from './redis-stream-entries';
import { compareStreamIds } from './redis-stream-id';

/** Stream entries read per XRANGE when a scope is exported. */
const EXPORT_PAGE = 500;
/** The key part after a thread id of a message stream key. */
const MESSAGES_SUFFIX = ':messages';

/**
 * The scope data of the Redis chat adapter (see `chat-bus-scope-records.ts` for the records).
 * A thread is its hash field and index entry; a thread's messages are appended to its stream
 * with `XADD` and their own ids, oldest first, so the stream's last id is the newest imported
 * one and the next `XADD *` gets a greater id. Streams are found by SCAN under the scope.
 */
export class RedisChatBusScopeData implements ScopeData {
  constructor(private readonly redis: RedisHandle) {}

  async *exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    const raws = await this.redis.client.hvals(this.redis.key(scope, 'chat', 'threads'));
    const threads = raws.map((raw) => JSON.parse(raw) as ChatThread);
    for (const thread of sortedById(threads)) yield threadRecord(thread);
    for (const { key, rest } of await keysUnder(this.redis, scope, 'chat', 'thread')) {
      if (!rest.endsWith(MESSAGES_SUFFIX)) continue;
      const threadId = decodeURIComponent(rest.slice(0, -MESSAGES_SUFFIX.length));
      let start = '-';
      for (;;) {
        const page = (await this.redis.client.xrange(
          key,
          start,
          '+',
          'COUNT',
          EXPORT_PAGE,
        )) as StreamEntry[];
        for (const entry of page) yield messageRecord(toChatMessage(threadId, entry));
        const last = page.at(-1);
        if (page.length < EXPORT_PAGE || last === undefined) break;
        start = `(${last[0]}`;
      }
    }
  }

  async importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const multi = this.redis.client.multi();
    for (const thread of importedThreads(records)) {
      multi.hset(this.redis.key(scope, 'chat', 'threads'), thread.id, JSON.stringify(thread));
      multi.zadd(this.redis.key(scope, 'chat', 'thread_index'), 0, thread.id);
    }
    for (const [threadId, messages] of byThread(importedMessages(records))) {
      const key = this.stream(scope, threadId);
      for (const message of await this.notStored(key, threadId, messages)) {
        const fields = ['role', message.role, 'text', message.text, 'author', message.author];
        multi.xadd(key, message.id, ...fields);
      }
    }
    await execAll(multi);
  }

  /** Scopes with a thread or a message stream. */
  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return scopesHeldOnRedis(
      this.redis,
      tenantId,
      env,
      'chat',
      (rest) =>
        rest === 'threads' || (rest.startsWith('thread:') && rest.endsWith(MESSAGES_SUFFIX)),
    );
  }

  async deleteScope(scope: Scope): Promise<void> {
    const keys = (await keysUnder(this.redis, scope, 'chat')).map(({ key }) => key);
    for (let i = 0; i < keys.length; i += 500)
      await this.redis.client.del(...keys.slice(i, i + 500));
  }

  /**
   * The messages still to append: those after the stream's newest entry. One at or before it
   * must be stored already (an earlier import of the same records), or the import fails: a
   * stream cannot take an entry in the middle.
   */
  private async notStored(
    key: string,
    threadId: string,
    messages: readonly ChatMessage[],
  ): Promise<ChatMessage[]> {
    const top = (await this.redis.client.xrevrange(key, '+', '-', 'COUNT', 1)) as StreamEntry[];
    const newest = top[0]?.[0] ?? '0-0';
    const fresh = messages.filter((m) => compareStreamIds(m.id, newest) > 0);
    for (const message of messages.filter((m) => compareStreamIds(m.id, newest) <= 0)) {
      const found = await this.redis.client.xrange(key, message.id, message.id);
      if (found.length === 0) throw new ChatImportOrderError(threadId, message.id, newest);
    }
    return fresh;
  }

  private stream(scope: Scope, threadId: string): string {
    return this.redis.key(scope, 'chat', 'thread', threadId, 'messages');
  }
}
