/** The resource kind this module declares in the routing registry. */
export const NEXUS_BACKEND_KIND = 'nexus_backend';

/** Size limits of snippets, dataset events and their list queries. */
export const NEXUS_LIMITS = {
  /** UTF-8 bytes of a snippet's text (64 KiB). */
  textBytes: 64 * 1024,
  /** Tags of a snippet, each in `TAG_FORMAT` (`src/common/validation/tags.validator.ts`). */
  tags: 20,
  /** Values of `tags_any` (Firestore `array-contains-any` takes at most 30). */
  tagsAny: 10,
  refs: 50,
  ref: 512,
  /** Bytes of `metadata` as JSON. */
  metadataBytes: 16 * 1024,
  /** Bytes of an event's `input` and of its `output`, each as JSON. */
  ioBytes: 256 * 1024,
} as const;

/** Snippet kinds and event types: lower-case names. */
export const NEXUS_NAME_FORMAT = /^[a-z0-9][a-z0-9_.:-]{0,63}$/;
/** Agent ids: letters, digits and `_ . : @ -`, starting with a letter or digit. */
export const AGENT_ID_FORMAT = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/;

/** A piece of knowledge an agent stored, found again by kind and tags. Immutable. */
export interface NexusSnippet {
  id: string;
  kind: string;
  text: string;
  tags: string[];
  metadata: Record<string, unknown>;
  /** References to other snippets, documents or URLs. */
  refs: string[];
  created_by: string;
  created_at: string;
}

/** One record of an agent dataset (what went in, what came out). Immutable. */
export interface DatasetEvent {
  id: string;
  event_type: string;
  agent_id: string;
  /** Any JSON value (null when not given). */
  input: unknown;
  /** Any JSON value (null when not given). */
  output: unknown;
  metadata: Record<string, unknown>;
  created_by: string;
  /** The time encoded in `id`, so `since` filters on exactly this value. */
  created_at: string;
}

/** Filters of the snippet list; absent ones do not filter. */
export interface SnippetFilter {
  kind?: string;
  /** Snippets carrying at least one of these tags. */
  tagsAny?: string[];
}

/** Filters of the event list; absent ones do not filter. */
export interface EventFilter {
  eventType?: string;
  /** Events created at or after this instant (ISO-8601 UTC). */
  since?: string;
}
