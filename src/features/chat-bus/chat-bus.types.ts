/** The resource kind this module declares in the routing registry. */
export const CHAT_BUS_KIND = 'chat_bus';

/**
 * Default cap on messages kept per thread (retention). The Redis adapter appends with
 * `XADD … MAXLEN ~ <cap>`: Redis trims whole stream nodes (100 entries each by default), so
 * a thread may hold up to about 100 more than the cap, and the oldest messages beyond it are
 * dropped for good (a resuming client cannot replay them). Set per route with the
 * {@link CHAT_STREAM_MAXLEN_KEY} config key of chat_bus redis routes.
 */
export const CHAT_STREAM_MAXLEN = 10_000;

/** Config key of chat_bus redis routes: messages kept per thread (default {@link CHAT_STREAM_MAXLEN}). */
export const CHAT_STREAM_MAXLEN_KEY = 'stream_maxlen';
/**
 * Bounds of `stream_maxlen`. Below 100 the approximate trim (whole nodes of 100 entries)
 * could not honour the cap; above a million messages one thread's stream would hold
 * gigabytes of Redis memory.
 */
export const CHAT_STREAM_MAXLEN_RANGE = { min: 100, max: 1_000_000 } as const;

/** What the API says about retention (OpenAPI descriptions of the chat operations). */
export const CHAT_RETENTION_NOTE =
  `Retention: each thread keeps about its newest ${CHAT_STREAM_MAXLEN} messages by default ` +
  `(the route's \`${CHAT_STREAM_MAXLEN_KEY}\` config key, ${CHAT_STREAM_MAXLEN_RANGE.min}..${CHAT_STREAM_MAXLEN_RANGE.max}, sets it per route); ` +
  'older messages are dropped and can no longer be listed or replayed.';

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
