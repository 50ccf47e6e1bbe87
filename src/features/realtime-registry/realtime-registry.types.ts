/** The resource kind this module declares in the routing registry. */
export const REALTIME_REGISTRY_KIND = 'realtime_registry';

/** What an id names: a chat thread or a collaborative canvas. Each type has its own id space. */
export const REALTIME_ID_TYPES = ['thread', 'canvas'] as const;
export type RealtimeIdType = (typeof REALTIME_ID_TYPES)[number];

/**
 * Format of a thread or canvas id: 1 to 128 characters, letters, digits, `_` and `-`,
 * starting with a letter or digit. It is usable as a Firestore document id and a Redis key
 * part without escaping surprises (no `/`, `.` or reserved `__x__` names).
 */
export const REALTIME_ID_FORMAT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Who owns an id: the scope that registered it first. */
export interface RealtimeRegistration {
  id: string;
  type: RealtimeIdType;
  tenant_id: string;
  env: string;
  /** The owning project, or null when a tenant-wide scope registered it. */
  project_id: string | null;
  created_by: string;
  /** ISO-8601 UTC. */
  created_at: string;
}
