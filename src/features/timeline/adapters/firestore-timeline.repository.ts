import type { CollectionReference, DocumentData } from '@google-cloud/firestore';
import {
  isAlreadyExists,
  type FirestoreHandle,
} from '../../../backends/firestore/firestore.driver';
import { readDescending } from '../../../backends/firestore/keyset-query';
import { getRecord } from '../../../backends/firestore/record-documents';
import type { Scope } from '../../../common/scope/scope';
import { TimelineIdTakenError } from '../timeline.errors';
import { TimelineRepository, type TimelineTransaction } from '../timeline.repository';
import {
  PARENT_FIELD,
  type TimelineChildType,
  type TimelineProject,
  type TimelineRecords,
  type TimelineRecordType,
} from '../timeline.types';
import { toTimelineRecord } from './firestore-timeline.records';
import { CHILD_QUERY_LIMIT, FirestoreTimelineTransaction } from './firestore-timeline.transaction';

const COLLECTIONS: Record<TimelineRecordType, string> = {
  project: 'timeline_projects',
  sequence: 'timeline_sequences',
  track: 'timeline_tracks',
  clip: 'timeline_clips',
  transition: 'timeline_transitions',
};

/**
 * One flat collection per record type under
 * `{prefix_}tenants/{tenant}/envs/{env}/projects/{project|-}/`, document id = record id.
 * Parent ids are top-level fields (children are found by equality on them; no composite
 * index needed). Every write is a whole document inside `runTransaction`.
 */
export class FirestoreTimelineRepository extends TimelineRepository {
  constructor(private readonly fs: FirestoreHandle) {
    super();
  }

  get<T extends TimelineRecordType>(
    scope: Scope,
    type: T,
    id: string,
  ): Promise<TimelineRecords[T] | null> {
    return getRecord(this.collection(scope, type).doc(id), (data) => toTimelineRecord(type, data));
  }

  async children<T extends TimelineChildType>(
    scope: Scope,
    type: T,
    parentId: string,
  ): Promise<TimelineRecords[T][]> {
    const snap = await this.collection(scope, type)
      .where(PARENT_FIELD[type], '==', parentId)
      .limit(CHILD_QUERY_LIMIT)
      .get();
    return snap.docs.map((d) => toTimelineRecord(type, d.data()));
  }

  listProjects(scope: Scope, page: { limit: number; before?: string }): Promise<TimelineProject[]> {
    const read = (data: DocumentData): TimelineProject => toTimelineRecord('project', data);
    return readDescending(this.collection(scope, 'project'), read, page);
  }

  async transact<R>(scope: Scope, work: (tx: TimelineTransaction) => Promise<R>): Promise<R> {
    try {
      return await this.fs.db.runTransaction(async (tx) => {
        const unit = new FirestoreTimelineTransaction(tx, (type) => this.collection(scope, type));
        const result = await work(unit);
        unit.flush();
        return result;
      });
    } catch (err) {
      if (isAlreadyExists(err)) throw new TimelineIdTakenError();
      throw err;
    }
  }

  private collection(scope: Scope, type: TimelineRecordType): CollectionReference {
    return this.fs.scoped(scope, COLLECTIONS[type]);
  }
}
