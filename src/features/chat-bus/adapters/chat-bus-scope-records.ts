import {
  instant,
  oneOf,
  recordReader,
  text,
  texts,
} from '../../../backends/firestore/record-schema';
import type { ScopeRecord } from '../../../common/scope-data/scope-data';
import {
  MESSAGE_ID_FORMAT,
  MESSAGE_ROLES,
  type ChatMessage,
  type ChatThread,
} from '../chat-bus.types';

/**
 * The scope data of chat_bus, the same from every adapter (memory, Redis):
 *
 * - `threads`, id = thread id: the {@link ChatThread} as the port returns it (its
 *   participants are the thread's members).
 * - `messages`, id = `{thread_id}/{message id}`: the {@link ChatMessage} with its stream id.
 *   Exported thread by thread, each oldest first; an import appends them in that order with
 *   the same ids, so Last-Event-IDs stay valid and the next post gets a greater id.
 */
export const THREADS = 'threads';
export const MESSAGES = 'messages';

export function threadRecord(thread: ChatThread): ScopeRecord {
  return { collection: THREADS, id: thread.id, data: readThread(thread) };
}

export function messageRecord(message: ChatMessage): ScopeRecord {
  return {
    collection: MESSAGES,
    id: `${message.thread_id}/${message.id}`,
    data: readMessage(message),
  };
}

/** The thread records of an import, checked. */
export function importedThreads(records: readonly ScopeRecord[]): ChatThread[] {
  return records.filter((r) => r.collection === THREADS).map((r) => readThread(r.data as object));
}

/** The message records of an import, checked, in the order given. */
export function importedMessages(records: readonly ScopeRecord[]): ChatMessage[] {
  return records.filter((r) => r.collection === MESSAGES).map((r) => readMessage(r.data as object));
}

/** Messages grouped by thread, each group in the order given. */
export function byThread(messages: readonly ChatMessage[]): Map<string, ChatMessage[]> {
  const groups = new Map<string, ChatMessage[]>();
  for (const message of messages) {
    const group = groups.get(message.thread_id) ?? [];
    group.push(message);
    groups.set(message.thread_id, group);
  }
  return groups;
}

/** Threads by id: the order two exports list them in. */
export function sortedById<T extends { id: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** An import that would have to insert a message before the newest of its stream. */
export class ChatImportOrderError extends Error {
  constructor(threadId: string, id: string, newest: string) {
    super(
      `chat import: message ${id} of thread ${threadId} is not stored and not after the stream's newest message ${newest}; a stream only grows at its end, so import into an empty scope, oldest first`,
    );
    this.name = 'ChatImportOrderError';
  }
}

const readThread = recordReader('chat thread', {
  id: text,
  title: text,
  participants: texts,
  created_by: text,
  created_at: instant,
});

const readMessageFields = recordReader('chat message', {
  id: text,
  thread_id: text,
  role: oneOf(MESSAGE_ROLES),
  text: text,
  author: text,
  created_at: instant,
});

function readMessage(data: object): ChatMessage {
  const message = readMessageFields(data);
  if (!MESSAGE_ID_FORMAT.test(message.id))
    throw new Error(`chat message ${message.id}: the id is not a stream id (<ms>-<seq>)`);
  return message;
}
