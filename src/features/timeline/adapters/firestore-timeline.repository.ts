import type { CollectionReference, DocumentData } from '@google-cloud/firestore';
import {
  isAlreadyExists,
  type FirestoreHandle,
} from '../../../backends/firestore/firestore.driver';
import { readDescending } from '../../../backends/firestore/keyset-query';
import { getRecord } from '../../../backends/firestore/record-documents';
import {
  deleteCollections,
  documentsOf,
  scopesHeldOn,
  setDocuments,
} from '../../../backends/firestore/scope-documents';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { TimelineIdTakenError } from '../timeline.errors';
import { TimelineRepository, type TimelineTransaction } from '../timeline.repository';
import {
  PARENT_FIELD,
  type TimelineChildType,
  type TimelineProject,
  type TimelineRecords,
  type TimelineRecordType,
} from '../timeline.types';
import {
  TIMELINE_RECORD_TYPES,
  timelineRecordOf,
  timelineScopeRecord,
} from '../timeline.scope-data';
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
export class FirestoreTimelineRepository extends TimelineRepository implements ScopeData {
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

  async *exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    for (const type of TIMELINE_RECORD_TYPES) {
      for await (const doc of documentsOf(this.collection(scope, type))) {
        yield timelineScopeRecord(type, toTimelineRecord(type, doc.data()));
      }
    }
  }

  /** Every record is checked with its type's reader first, then written whole, as a unit writes it. */
  async importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const checked = records
      .map(timelineRecordOf)
      .map(({ type, record }) => ({ type, record: toTimelineRecord(type, record) }));
    for (const type of TIMELINE_RECORD_TYPES) {
      const collection = this.collection(scope, type);
      const documents = checked
        .filter((c) => c.type === type)
        .map(({ record }) => [collection.doc(record.id), record] as const);
      if (documents.length > 0) await setDocuments(collection, documents);
    }
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return scopesHeldOn(this.fs, tenantId, env, [
      COLLECTIONS.project,
      COLLECTIONS.sequence,
      COLLECTIONS.track,
      COLLECTIONS.clip,
      COLLECTIONS.transition,
    ]);
  }

  deleteScope(scope: Scope): Promise<void> {
    return deleteCollections(TIMELINE_RECORD_TYPES.map((type) => this.collection(scope, type)));
  }

  private collection(scope: Scope, type: TimelineRecordType): CollectionReference {
    return this.fs.scoped(scope, COLLECTIONS[type]);
  }
}
