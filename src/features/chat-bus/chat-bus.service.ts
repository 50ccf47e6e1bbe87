import { Injectable } from '@nestjs/common';
import {
  keysetCursor,
  matching,
  SORTABLE_ID_CURSOR,
  type Page,
} from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { RealtimeRegistryService } from '../realtime-registry/realtime-registry.service';
import { ChatThreadNotFoundError } from './chat-bus.errors';
import { ChatBusRepository } from './chat-bus.repository';
import {
  MESSAGE_ID_FORMAT,
  type ChatMessage,
  type ChatThread,
  type MessageRole,
  type MessageSink,
} from './chat-bus.types';

/** Messages page in append order, by message id. */
const MESSAGE_CURSOR = keysetCursor(matching(MESSAGE_ID_FORMAT));

/**
 * Threads and messages of the request's scope. Every thread id is claimed in
 * realtime_registry when the thread is created, and every access checks there that the
 * caller's scope owns it (a thread of another scope is `404 chat_bus.not_found`).
 */
@Injectable()
export class ChatBusService {
  constructor(
    private readonly chats: ChatBusRepository,
    private readonly realtime: RealtimeRegistryService,
    private readonly context: RequestContext,
  ) {}

  async createThread(input: { title: string; participants: string[] }): Promise<ChatThread> {
    const id = newSortableId();
    await this.realtime.registerThread(id);
    return this.chats.createThread(this.context.scope, {
      id,
      title: input.title,
      participants: [...new Set(input.participants)],
      created_by: this.context.principal.subject,
      created_at: new Date().toISOString(),
    });
  }

  /** The thread when the caller's scope owns it; `404 chat_bus.not_found` otherwise. */
  async getThread(id: string): Promise<ChatThread> {
    const [owned, thread] = await Promise.all([
      this.realtime.ownsThread(id),
      this.chats.getThread(this.context.scope, id),
    ]);
    if (!owned || thread === null) throw new ChatThreadNotFoundError(id);
    return thread;
  }

  /** Threads of the caller's scope, newest first. */
  async listThreads(query: { limit?: number; cursor?: string }): Promise<Page<ChatThread>> {
    const { limit, position } = SORTABLE_ID_CURSOR.start(query);
    const fetched = await this.chats.listThreads(this.context.scope, {
      limit: limit + 1,
      before: position,
    });
    return SORTABLE_ID_CURSOR.page(fetched, limit, (last) => last.id);
  }

  async postMessage(
    threadId: string,
    input: { role: MessageRole; text: string },
  ): Promise<ChatMessage> {
    await this.getThread(threadId);
    return this.chats.appendMessage(this.context.scope, threadId, {
      role: input.role,
      text: input.text,
      author: this.context.principal.subject,
    });
  }

  /** Messages in append order after `after` (a message id) or after the cursor of the previous page. */
  async listMessages(
    threadId: string,
    query: { after?: string; limit?: number; cursor?: string },
  ): Promise<Page<ChatMessage>> {
    await this.getThread(threadId);
    const { limit, position } = MESSAGE_CURSOR.start(query);
    const fetched = await this.chats.listMessages(this.context.scope, threadId, {
      limit: limit + 1,
      after: position ?? query.after,
    });
    return MESSAGE_CURSOR.page(fetched, limit, (last) => last.id);
  }

  /**
   * Checks access and fixes where a live feed starts: after `lastEventId` when the client
   * resumes, otherwise after the newest message now (so it receives only new messages).
   */
  async openFeed(threadId: string, lastEventId?: string): Promise<string> {
    await this.getThread(threadId);
    return lastEventId ?? this.chats.lastMessageId(this.context.scope, threadId);
  }

  /** Streams messages after `after` to `sink` until `signal` aborts (see ChatBusRepository.follow). */
  follow(threadId: string, after: string, sink: MessageSink, signal: AbortSignal): Promise<void> {
    return this.chats.follow(this.context.scope, threadId, after, sink, signal);
  }
}
