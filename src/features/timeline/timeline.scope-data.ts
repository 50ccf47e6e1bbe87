import type { ScopeRecord } from '../../common/scope-data/scope-data';
import type { TimelineRecords, TimelineRecordType } from './timeline.types';

/**
 * The collections of timeline in a move, one per record type; `data` is the record as the
 * port returns it (parent ids and child id lists included, so a project tree arrives whole),
 * id = the record's id. Every adapter exports and imports exactly this.
 */
export const TIMELINE_SCOPE_COLLECTIONS = {
  project: 'projects',
  sequence: 'sequences',
  track: 'tracks',
  clip: 'clips',
  transition: 'transitions',
} as const satisfies Record<TimelineRecordType, string>;

/** Every record type, parents before their children (the order exports list them in). */
export const TIMELINE_RECORD_TYPES = Object.keys(
  TIMELINE_SCOPE_COLLECTIONS,
) as TimelineRecordType[];

/** A record of any type. */
export type AnyTimelineRecord = TimelineRecords[TimelineRecordType];

/** The neutral record of a timeline record of `type`. */
export function timelineScopeRecord(
  type: TimelineRecordType,
  record: AnyTimelineRecord,
): ScopeRecord {
  return { collection: TIMELINE_SCOPE_COLLECTIONS[type], id: record.id, data: record };
}

/**
 * The type and record a neutral record carries, before the adapter checks its fields:
 * refuses an unknown collection or a record whose id is not its own (a broken export).
 */
export function timelineRecordOf(record: ScopeRecord): {
  type: TimelineRecordType;
  record: AnyTimelineRecord;
} {
  const type = TIMELINE_RECORD_TYPES.find(
    (t) => TIMELINE_SCOPE_COLLECTIONS[t] === record.collection,
  );
  const data = record.data as Partial<AnyTimelineRecord> | null;
  if (type === undefined || data?.id !== record.id)
    throw new Error(`timeline: cannot import record ${record.collection}/${record.id}`);
  return { type, record: data as AnyTimelineRecord };
}
