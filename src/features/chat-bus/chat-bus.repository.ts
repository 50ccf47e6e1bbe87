import type { Scope } from '../../common/scope/scope';
import type { ChatMessage, ChatThread, MessageSink, NewChatMessage } from './chat-bus.types';

/**
 * Port: threads and their append-only message streams, stored under the scope. A thread or
 * message of another scope is invisible (null or empty), never an error.
 */
export abstract class ChatBusRepository {
  /** Stores a new thread (the id is already claimed in realtime_registry). */
  abstract createThread(scope: Scope, thread: ChatThread): Promise<ChatThread>;

  /** The thread with this id in `scope`, or null. */
  abstract getThread(scope: Scope, id: string): Promise<ChatThread | null>;

  /** Newest first (by id); `before` is the id of the last thread of the previous page. */
  abstract listThreads(
    scope: Scope,
    page: { limit: number; before?: string },
  ): Promise<ChatThread[]>;

  /** Appends a message to an existing thread's stream; the stream gives its id and time. */
  abstract appendMessage(
    scope: Scope,
    threadId: string,
    message: NewChatMessage,
  ): Promise<ChatMessage>;

  /** Messages in append order with ids strictly greater than `after` (from the start when absent). */
  abstract listMessages(
    scope: Scope,
    threadId: string,
    page: { limit: number; after?: string },
  ): Promise<ChatMessage[]>;

  /** The id of the newest message of the thread, or `0-0` when it has none. */
  abstract lastMessageId(scope: Scope, threadId: string): Promise<string>;

  /**
   * Streams every message with an id greater than `after` to `sink`, first those already
   * stored, then new ones as they arrive, in order, each exactly once, until `signal` aborts
   * (then it resolves). Rejects if the backend fails. It runs as long as the subscriber
   * stays, so it is exempt from the per-call backend timeout and bounds its own waits.
   */
  abstract follow(
    scope: Scope,
    threadId: string,
    after: string,
    sink: MessageSink,
    signal: AbortSignal,
  ): Promise<void>;
}
