import {
  TimelineHasChildrenError,
  TimelineLimitReachedError,
  TimelineNotFoundError,
  TimelineVersionConflictError,
} from './timeline.errors';
import type { TimelineTransaction } from './timeline.repository';
import type { TimelineRecordBase, TimelineRecords, TimelineRecordType } from './timeline.types';

/** Record helpers the timeline services share. All run inside a unit (no I/O of their own). */

/** The fields a new record starts with. */
export function newRecordBase(id: string, actor: string, now: string): TimelineRecordBase {
  return { id, version: 1, created_at: now, created_by: actor, updated_at: now };
}

/** The record, or `404 timeline.not_found`. */
export async function load<T extends TimelineRecordType>(
  tx: TimelineTransaction,
  type: T,
  id: string,
): Promise<TimelineRecords[T]> {
  const record = await tx.get(type, id);
  if (record === null) throw new TimelineNotFoundError(type, id);
  return record;
}

/** `409 timeline.version_conflict` when If-Match named another version. */
export function checkVersion(record: TimelineRecordBase, expected: number | undefined): void {
  if (expected !== undefined && record.version !== expected)
    throw new TimelineVersionConflictError(expected, record.version);
}

/** `409 timeline.has_children` when any count is above zero. */
export function checkEmpty(
  type: TimelineRecordType,
  id: string,
  children: Record<string, number>,
): void {
  if (Object.values(children).some((n) => n > 0))
    throw new TimelineHasChildrenError(type, id, children);
}

/** The fields a PATCH body actually carries. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The record after an edit of its own fields: version + 1, updated_at = now. */
export function edited<R extends TimelineRecordBase>(
  record: R,
  changes: Partial<R>,
  now: string,
): R {
  return { ...record, ...changes, id: record.id, version: record.version + 1, updated_at: now };
}

/**
 * Read-check-write of one record in a unit: loads it (404), checks If-Match (409), lets
 * `change` build the new content (it may read more and throw), then writes it edited.
 */
export async function editRecord<T extends TimelineRecordType>(
  tx: TimelineTransaction,
  type: T,
  id: string,
  expectedVersion: number | undefined,
  now: string,
  change: (
    current: TimelineRecords[T],
  ) => Promise<Partial<TimelineRecords[T]>> | Partial<TimelineRecords[T]>,
): Promise<TimelineRecords[T]> {
  const current = await load(tx, type, id);
  checkVersion(current, expectedVersion);
  const next = edited(current, await change(current), now);
  tx.put(type, next);
  return next;
}

/** The fields of a record that hold a list of child ids. */
export type IdListField<R> = { [K in keyof R]: R[K] extends string[] ? K : never }[keyof R];

/**
 * The parent with `childId` added to its id list (kept sorted, so creation order), or
 * `409 timeline.limit_reached` when the list is full. Version and updated_at are untouched:
 * the list is the server's, not the client's.
 */
export function attach<R extends TimelineRecordBase>(
  type: TimelineRecordType,
  parent: R,
  field: IdListField<R>,
  childId: string,
  limit: number,
): R {
  const ids = parent[field] as string[];
  if (ids.length >= limit)
    throw new TimelineLimitReachedError(
      type,
      parent.id,
      String(field).replace(/_ids$/, 's'),
      limit,
    );
  return { ...parent, [field]: [...ids, childId].sort() };
}

/** The parent without `childId` in its id list. */
export function detach<R extends TimelineRecordBase>(
  parent: R,
  field: IdListField<R>,
  childId: string,
): R {
  return { ...parent, [field]: (parent[field] as string[]).filter((id) => id !== childId) };
}
