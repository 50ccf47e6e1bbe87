/** The resource kind this module declares in the routing registry. */
export const MEMORY_KIND = 'memory';

export const MESSAGE_ROLES = ['user', 'agent', 'system'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/** Size limits of session messages and blackboards. */
export const MEMORY_LIMITS = {
  /** Characters of a message's content. */
  content: 32_000,
  /** Bytes of a message's metadata, as JSON. */
  metadataBytes: 16 * 1024,
  /** Bytes of a blackboard's data, as JSON. */
  dataBytes: 256 * 1024,
} as const;

/** A session id: starts with a letter or digit, then letters, digits, `_`, `-` (128 at most). */
export const SESSION_ID_FORMAT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** A blackboard key: starts with a letter or digit, then letters, digits, `_ . : -` (128 at most). */
export const BLACKBOARD_KEY_FORMAT = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** Identifies one session of one user: sessions are private to the user (`sub`) who writes them. */
export interface SessionRef {
  /** The caller's token `sub`. */
  owner: string;
  sessionId: string;
}

/** One appended message. */
export interface MemoryMessage {
  /** Sortable id: append order within a session is id order. */
  id: string;
  session_id: string;
  role: MessageRole;
  content: string;
  metadata: Record<string, unknown>;
  created_at: string;
}

/** What an append carries. */
export type NewMemoryMessage = Pick<MemoryMessage, 'role' | 'content' | 'metadata'>;

/** A shared key/value entry of a project. */
export interface Blackboard {
  key: string;
  /** Any JSON value. */
  data: unknown;
  /** ISO-8601; after it the entry reads as absent. Null: never expires. */
  expires_at: string | null;
  version: number;
  updated_at: string;
  updated_by: string;
}
