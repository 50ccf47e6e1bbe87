import type { ListRequest, Page } from '../../common/http/pagination';
import type { Scope } from '../../common/scope/scope';
import { pageOf, type ListOrder } from './timeline-paging';
import { TimelineNotFoundError } from './timeline.errors';
import type { TimelineRepository } from './timeline.repository';
import type { TimelineChildType, TimelineRecords, TimelineRecordType } from './timeline.types';

/** The record at `scope`, or `404 timeline.not_found` (also for another scope's record). */
export async function getRecord<T extends TimelineRecordType>(
  repo: TimelineRepository,
  scope: Scope,
  type: T,
  id: string,
): Promise<TimelineRecords[T]> {
  const record = await repo.get(scope, type, id);
  if (record === null) throw new TimelineNotFoundError(type, id);
  return record;
}

/** One page of a parent's children in `order`; `404` when the parent does not exist. */
export async function listChildren<T extends TimelineChildType, K>(
  repo: TimelineRepository,
  scope: Scope,
  parent: { type: TimelineRecordType; id: string },
  type: T,
  order: ListOrder<NoInfer<TimelineRecords[T]>, K>,
  page: ListRequest,
): Promise<Page<TimelineRecords[T]>> {
  await getRecord(repo, scope, parent.type, parent.id);
  const children = await repo.children(scope, type, parent.id);
  return pageOf(children, order, page);
}
