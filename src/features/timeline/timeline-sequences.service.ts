import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { getRecord, listChildren } from './timeline-reads';
import { NEWEST_FIRST } from './timeline-paging';
import {
  attach,
  checkEmpty,
  checkVersion,
  definedOnly,
  detach,
  editRecord,
  load,
  newRecordBase,
} from './timeline-records';
import { TimelineRepository } from './timeline.repository';
import { TIMELINE_LIMITS, type Sequence } from './timeline.types';

/** What a client sets on a sequence. */
export interface SequenceInput {
  name: string;
  fps?: number;
  width?: number;
  height?: number;
}

/**
 * Sequences of a project. Creating or deleting one updates the project's `sequence_ids` in
 * the same transaction; a sequence is deleted only once it has no tracks or transitions.
 */
@Injectable()
export class TimelineSequencesService {
  constructor(
    private readonly repo: TimelineRepository,
    private readonly context: RequestContext,
  ) {}

  create(projectId: string, input: SequenceInput): Promise<Sequence> {
    const now = new Date().toISOString();
    const actor = this.context.principal.subject;
    return this.repo.transact(this.context.scope, async (tx) => {
      const project = await load(tx, 'project', projectId);
      const sequence: Sequence = {
        ...newRecordBase(newSortableId(), actor, now),
        timeline_project_id: projectId,
        name: input.name,
        fps: input.fps ?? 30,
        width: input.width ?? 1920,
        height: input.height ?? 1080,
        track_ids: [],
        transition_ids: [],
      };
      tx.create('sequence', sequence);
      tx.put(
        'project',
        attach(
          'project',
          project,
          'sequence_ids',
          sequence.id,
          TIMELINE_LIMITS.sequencesPerProject,
        ),
      );
      return sequence;
    });
  }

  get(id: string): Promise<Sequence> {
    return getRecord(this.repo, this.context.scope, 'sequence', id);
  }

  /** Newest first; `404` when the project does not exist. */
  list(projectId: string, page: { limit?: number; cursor?: string }): Promise<Page<Sequence>> {
    return listChildren(
      this.repo,
      this.context.scope,
      { type: 'project', id: projectId },
      'sequence',
      NEWEST_FIRST,
      page,
    );
  }

  update(id: string, patch: Partial<SequenceInput>, expectedVersion?: number): Promise<Sequence> {
    const now = new Date().toISOString();
    return this.repo.transact(this.context.scope, (tx) =>
      editRecord(tx, 'sequence', id, expectedVersion, now, () => definedOnly(patch)),
    );
  }

  remove(id: string, expectedVersion?: number): Promise<void> {
    return this.repo.transact(this.context.scope, async (tx) => {
      const sequence = await load(tx, 'sequence', id);
      checkVersion(sequence, expectedVersion);
      checkEmpty('sequence', id, {
        tracks: sequence.track_ids.length,
        transitions: sequence.transition_ids.length,
      });
      const project = await load(tx, 'project', sequence.timeline_project_id);
      tx.delete('sequence', id);
      tx.put('project', detach(project, 'sequence_ids', id));
    });
  }
}
