import type { Scope } from '../../common/scope/scope';
import type {
  TimelineChildType,
  TimelineProject,
  TimelineRecords,
  TimelineRecordType,
} from './timeline.types';

/**
 * One atomic read-then-write unit over the timeline records of one scope. Reads see the
 * state from before the unit; writes are buffered and applied together, all or nothing,
 * when the work resolves (creates first, so a lost create leaves nothing written). Work
 * that throws writes nothing. Work may run more than once (the store retries on
 * contention), so it must not have effects outside the unit.
 */
export interface TimelineTransaction {
  /** The record, or null when missing. */
  get<T extends TimelineRecordType>(type: T, id: string): Promise<TimelineRecords[T] | null>;
  /** Every record of `type` whose parent field (`PARENT_FIELD[type]`) is `parentId`, in no set order. */
  children<T extends TimelineChildType>(type: T, parentId: string): Promise<TimelineRecords[T][]>;
  /** Creates a record under a new id; the whole unit fails with `TimelineIdTakenError` if it exists. */
  create<T extends TimelineRecordType>(type: T, record: TimelineRecords[T]): void;
  /** Writes the whole record (every field), replacing what is stored. */
  put<T extends TimelineRecordType>(type: T, record: TimelineRecords[T]): void;
  delete(type: TimelineRecordType, id: string): void;
}

/**
 * Port: projects, sequences, tracks, clips and transitions stored at one scope. Records of
 * another scope are invisible. Business rules live in the services and run inside
 * {@link TimelineRepository.transact}, so every adapter applies them identically.
 */
export abstract class TimelineRepository {
  /** The record with this id at `scope`, or null. */
  abstract get<T extends TimelineRecordType>(
    scope: Scope,
    type: T,
    id: string,
  ): Promise<TimelineRecords[T] | null>;

  /** Every child of `parentId` (bounded by TIMELINE_LIMITS), in no set order. */
  abstract children<T extends TimelineChildType>(
    scope: Scope,
    type: T,
    parentId: string,
  ): Promise<TimelineRecords[T][]>;

  /** Projects newest first; `before` is the last id of the previous page. */
  abstract listProjects(
    scope: Scope,
    page: { limit: number; before?: string },
  ): Promise<TimelineProject[]>;

  /**
   * Runs `work` as one serializable transaction at `scope` and returns its result. Domain
   * errors thrown by `work` come out unchanged.
   */
  abstract transact<R>(scope: Scope, work: (tx: TimelineTransaction) => Promise<R>): Promise<R>;
}
