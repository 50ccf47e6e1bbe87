import type { TimelineRecords, TimelineRecordType } from '../timeline.types';

type AnyRecord = TimelineRecords[TimelineRecordType];

/** One pending write. */
export type TimelineWrite =
  | { op: 'create'; type: TimelineRecordType; id: string; record: AnyRecord }
  | { op: 'put'; type: TimelineRecordType; id: string; record: AnyRecord }
  | { op: 'delete'; type: TimelineRecordType; id: string };

/**
 * The writes of one transaction, the last one per document winning, handed out creates
 * first: on a store that applies writes one by one (the Firestore emulator), a create that
 * loses then fails before anything else is written.
 */
export class TimelineWriteBuffer {
  private readonly writes = new Map<string, TimelineWrite>();

  create<T extends TimelineRecordType>(type: T, record: TimelineRecords[T]): void {
    this.add({ op: 'create', type, id: record.id, record: structuredClone(record) });
  }

  put<T extends TimelineRecordType>(type: T, record: TimelineRecords[T]): void {
    const pending = this.writes.get(`${type}/${record.id}`);
    // A put after a create in the same unit is still a create of the final content.
    this.add({
      op: pending?.op === 'create' ? 'create' : 'put',
      type,
      id: record.id,
      record: structuredClone(record),
    });
  }

  delete(type: TimelineRecordType, id: string): void {
    this.add({ op: 'delete', type, id });
  }

  /** Pending writes, creates first. */
  ordered(): TimelineWrite[] {
    const all = [...this.writes.values()];
    return [...all.filter((w) => w.op === 'create'), ...all.filter((w) => w.op !== 'create')];
  }

  private add(write: TimelineWrite): void {
    this.writes.delete(`${write.type}/${write.id}`);
    this.writes.set(`${write.type}/${write.id}`, write);
  }
}
