import type { CollectionReference, Transaction } from '@google-cloud/firestore';
import { recordOrNull } from '../../../backends/firestore/record-schema';
import type { TimelineTransaction } from '../timeline.repository';
import {
  PARENT_FIELD,
  TIMELINE_LIMITS,
  type TimelineChildType,
  type TimelineRecords,
  type TimelineRecordType,
} from '../timeline.types';
import { toTimelineRecord } from './firestore-timeline.records';
import { TimelineWriteBuffer } from './timeline-write-buffer';

/** The most children any parent may hold, plus one: child queries never read more. */
export const CHILD_QUERY_LIMIT = Math.max(...Object.values(TIMELINE_LIMITS)) + 1;

/**
 * A {@link TimelineTransaction} over a Firestore transaction. Reads go through the
 * transaction; writes wait in a buffer until {@link flush}, so every read precedes every
 * write (as Firestore requires) and creates go first.
 */
export class FirestoreTimelineTransaction implements TimelineTransaction {
  private readonly buffer = new TimelineWriteBuffer();

  constructor(
    private readonly tx: Transaction,
    private readonly collection: (type: TimelineRecordType) => CollectionReference,
  ) {}

  async get<T extends TimelineRecordType>(type: T, id: string): Promise<TimelineRecords[T] | null> {
    const snap = await this.tx.get(this.collection(type).doc(id));
    return recordOrNull(snap, (data) => toTimelineRecord(type, data));
  }

  async children<T extends TimelineChildType>(
    type: T,
    parentId: string,
  ): Promise<TimelineRecords[T][]> {
    const snap = await this.tx.get(
      this.collection(type).where(PARENT_FIELD[type], '==', parentId).limit(CHILD_QUERY_LIMIT),
    );
    return snap.docs.map((d) => toTimelineRecord(type, d.data()));
  }

  create<T extends TimelineRecordType>(type: T, record: TimelineRecords[T]): void {
    this.buffer.create(type, record);
  }

  put<T extends TimelineRecordType>(type: T, record: TimelineRecords[T]): void {
    this.buffer.put(type, record);
  }

  delete(type: TimelineRecordType, id: string): void {
    this.buffer.delete(type, id);
  }

  /** Hands the buffered writes to the Firestore transaction (called once, after the work). */
  flush(): void {
    for (const w of this.buffer.ordered()) {
      const ref = this.collection(w.type).doc(w.id);
      if (w.op === 'create') this.tx.create(ref, w.record);
      else if (w.op === 'put') this.tx.set(ref, w.record);
      else this.tx.delete(ref);
    }
  }
}
