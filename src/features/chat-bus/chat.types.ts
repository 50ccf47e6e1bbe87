/** The resource kind this module declares in the routing registry. */
export const CHAT_BUS_KIND = 'chat_bus';

/**
 * Default cap on messages kept per thread. The Redis adapter appends with
 * `XADD … MAXLEN ~ <cap>`: Redis trims whole stream nodes, so a thread may briefly hold a
 * little more than the cap, and the oldest messages beyond it are dropped. Override per
 * adapter with the `maxLen` option.
 */
export const CHAT_STREAM_MAXLEN = 10_000;

/** Largest message text, in UTF-8 bytes (8 KiB). */
export const MAX_MESSAGE_BYTES = 8 * 1024;
export const MAX_TITLE_LENGTH = 200;
export const MAX_PARTICIPANTS = 100;
/** A participant id (user, agent…): letters, digits, `_ . : @ -`, 1..128 characters. */
export const PARTICIPANT_FORMAT = /^[A-Za-z0-9_.:@-]{1,128}$/;

/** Who wrote a message. */
export const MESSAGE_ROLES = ['user', 'agent', 'system'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/** A message id is its Redis stream id, `<milliseconds>-<sequence>`; ids grow in append order. */
export const MESSAGE_ID_FORMAT = /^\d{1,20}-\d{1,20}$/;

/** A conversation. Its id is registered in realtime_registry as a thread id of its scope. */
export interface ChatThread {
  id: string;
  title: string;
  participants: string[];
  created_by: string;
  /** ISO-8601 UTC. */
  created_at: string;
}

/** A message as stored and served. */
export interface ChatMessage {
  /** Stream id (`1700000000000-0`), also the SSE event id. */
  id: string;
  thread_id: string;
  role: MessageRole;
  text: string;
  author: string;
  /** ISO-8601 UTC, the time part of the stream id. */
  created_at: string;
}

/** A message before it is appended: the id and time are given by the stream. */
export type NewChatMessage = Pick<ChatMessage, 'role' | 'text' | 'author'>;

/** Receives batches of live messages, in order; the feed waits for it before reading on. */
export type MessageSink = (messages: ChatMessage[]) => Promise<void>;
