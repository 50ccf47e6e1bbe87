/** A write of a record revised in place: who writes and, with `If-Match`, the version read. */
export interface VersionedWrite {
  actor: string;
  expectedVersion?: number;
}

/** The fields a versioned write stamps on a record (the stored part of `If-Match`/`ETag`). */
export interface Revision {
  version: number;
  updated_at: string;
  updated_by: string;
}

/** Makes a kind's `409 <kind>.version_conflict` error (its `VersionConflictError` subclass). */
export type VersionConflictFactory = new (expected: number, actual: number | null) => Error;

/**
 * The change of a versioned put, for a backend's read-modify-write (`ScopedRecords.upsert`,
 * `upsertDocument`): given the stored record (null when there is none) it checks
 * `write.expectedVersion` against the stored version, throwing `conflict(expected, stored
 * version or null)` when they differ, and returns `fields` with the next revision. Every
 * adapter of a kind uses it, so the backends cannot drift apart on what a conflict is.
 */
export function revised<F extends object>(
  fields: F,
  write: VersionedWrite,
  conflict: VersionConflictFactory,
): (current: { version: number } | null) => F & Revision {
  return (current) => {
    const stored = current?.version ?? null;
    if (write.expectedVersion !== undefined && stored !== write.expectedVersion) {
      throw new conflict(write.expectedVersion, stored);
    }
    return {
      ...fields,
      version: (stored ?? 0) + 1,
      updated_at: new Date().toISOString(),
      updated_by: write.actor,
    };
  };
}
