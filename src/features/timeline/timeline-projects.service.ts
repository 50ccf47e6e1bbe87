import { Injectable } from '@nestjs/common';
import { STRING_CURSOR, type ListRequest, type Page } from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { getRecord } from './timeline-reads';
import {
  checkEmpty,
  checkVersion,
  definedOnly,
  editRecord,
  load,
  newRecordBase,
} from './timeline-records';
import { TimelineRepository } from './timeline.repository';
import type { TimelineProject } from './timeline.types';

/** What a client sets on a project. */
export interface ProjectInput {
  name: string;
  description?: string;
}

/** Video projects of the request's scope. A project is deleted only once it has no sequences. */
@Injectable()
export class TimelineProjectsService {
  constructor(
    private readonly repo: TimelineRepository,
    private readonly context: RequestContext,
  ) {}

  create(input: ProjectInput): Promise<TimelineProject> {
    const project: TimelineProject = {
      ...newRecordBase(newSortableId(), this.context.principal.subject, new Date().toISOString()),
      name: input.name,
      description: input.description ?? '',
      sequence_ids: [],
    };
    return this.repo
      .transact(this.context.scope, (tx) => Promise.resolve(tx.create('project', project)))
      .then(() => project);
  }

  get(id: string): Promise<TimelineProject> {
    return getRecord(this.repo, this.context.scope, 'project', id);
  }

  /** Newest first. */
  async list(page: ListRequest): Promise<Page<TimelineProject>> {
    const { limit, position } = STRING_CURSOR.start(page);
    const fetched = await this.repo.listProjects(this.context.scope, {
      limit: limit + 1,
      before: position,
    });
    return STRING_CURSOR.page(fetched, limit, (last) => last.id);
  }

  update(
    id: string,
    patch: Partial<ProjectInput>,
    expectedVersion?: number,
  ): Promise<TimelineProject> {
    const now = new Date().toISOString();
    return this.repo.transact(this.context.scope, (tx) =>
      editRecord(tx, 'project', id, expectedVersion, now, () => definedOnly(patch)),
    );
  }

  /** `409 timeline.has_children` while the project still has sequences. */
  remove(id: string, expectedVersion?: number): Promise<void> {
    return this.repo.transact(this.context.scope, async (tx) => {
      const project = await load(tx, 'project', id);
      checkVersion(project, expectedVersion);
      checkEmpty('project', id, { sequences: project.sequence_ids.length });
      tx.delete('project', id);
    });
  }
}
