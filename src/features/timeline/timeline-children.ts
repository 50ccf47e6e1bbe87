import type { ListRequest, Page } from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import type { RequestContext } from '../../common/request-context/request-context';
import type { ListOrder } from './timeline-paging';
import { getRecord, listChildren } from './timeline-reads';
import {
  attach,
  checkVersion,
  definedOnly,
  detach,
  editRecord,
  load,
  newRecordBase,
  type IdListField,
} from './timeline-records';
import type { TimelineRepository, TimelineTransaction } from './timeline.repository';
import {
  PARENT_FIELD,
  type TimelineChildType,
  type TimelineRecordBase,
  type TimelineRecords,
  type TimelineRecordType,
} from './timeline.types';

/**
 * How one type of child record hangs under its parent: the parent's id list it joins, the
 * list's limit and order, how a record is built from the client's input, and the rules
 * that differ per type.
 */
export interface TimelineChildShape<
  T extends TimelineChildType,
  P extends TimelineRecordType,
  Input extends object,
> {
  type: T;
  parent: P;
  /** The parent's id list that holds this child (kept sorted, so creation order). */
  list: IdListField<TimelineRecords[P]>;
  limit: number;
  order: ListOrder<TimelineRecords[T], unknown>;
  /** The new record from its base fields, its parent and the client's input. */
  build(base: TimelineRecordBase, parent: TimelineRecords[P], input: Input): TimelineRecords[T];
  /** Rules on the record as it would be stored, on create and on update; may read the unit. */
  check?(tx: TimelineTransaction, record: TimelineRecords[T]): Promise<void> | void;
  /** Refuses to delete a record still in use (children, references); may read the unit. */
  checkRemovable?(tx: TimelineTransaction, record: TimelineRecords[T]): Promise<void> | void;
}

/**
 * Create, read, list, edit and delete of one child type. Creating or deleting a child
 * updates its parent's id list in the same transaction, so the two never disagree.
 */
export abstract class TimelineChildService<
  T extends TimelineChildType,
  P extends TimelineRecordType,
  Input extends object,
> {
  protected constructor(
    private readonly repo: TimelineRepository,
    private readonly context: RequestContext,
    private readonly shape: TimelineChildShape<T, P, Input>,
  ) {}

  create(parentId: string, input: Input): Promise<TimelineRecords[T]> {
    const { type, parent: parentType, list, limit } = this.shape;
    const base = newRecordBase(
      newSortableId(),
      this.context.principal.subject,
      new Date().toISOString(),
    );
    return this.repo.transact(this.context.scope, async (tx) => {
      const parent = await load(tx, parentType, parentId);
      const record = this.shape.build(base, parent, input);
      await this.shape.check?.(tx, record);
      tx.create(type, record);
      tx.put(parentType, attach(parentType, parent, list, record.id, limit));
      return record;
    });
  }

  get(id: string): Promise<TimelineRecords[T]> {
    return getRecord(this.repo, this.context.scope, this.shape.type, id);
  }

  /** One page in the type's order; `404` when the parent does not exist. */
  list(parentId: string, page: ListRequest): Promise<Page<TimelineRecords[T]>> {
    const { type, parent, order } = this.shape;
    return listChildren(
      this.repo,
      this.context.scope,
      { type: parent, id: parentId },
      type,
      order,
      page,
    );
  }

  /** Changes this record's own fields; the merged record must pass the type's rules. */
  update(id: string, patch: Partial<Input>, expectedVersion?: number): Promise<TimelineRecords[T]> {
    const now = new Date().toISOString();
    return this.repo.transact(this.context.scope, (tx) =>
      editRecord(tx, this.shape.type, id, expectedVersion, now, async (current) => {
        const changes = definedOnly(patch) as Partial<TimelineRecords[T]>;
        await this.shape.check?.(tx, { ...current, ...changes });
        return changes;
      }),
    );
  }

  remove(id: string, expectedVersion?: number): Promise<void> {
    const { type, parent: parentType, list } = this.shape;
    return this.repo.transact(this.context.scope, async (tx) => {
      const record = await load(tx, type, id);
      checkVersion(record, expectedVersion);
      await this.shape.checkRemovable?.(tx, record);
      const parentId = (record as unknown as Record<string, string>)[PARENT_FIELD[type]] ?? '';
      const parent = await load(tx, parentType, parentId);
      tx.delete(type, id);
      tx.put(parentType, detach(parent, list, id));
    });
  }
}
