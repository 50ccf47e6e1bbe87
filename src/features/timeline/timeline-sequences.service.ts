import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/request-context/request-context';
import { TimelineChildService, type TimelineChildShape } from './timeline-children';
import { NEWEST_FIRST } from './timeline-paging';
import { checkEmpty } from './timeline-records';
import { TimelineRepository } from './timeline.repository';
import { TIMELINE_LIMITS } from './timeline.types';

/** What a client sets on a sequence. */
export interface SequenceInput {
  name: string;
  fps?: number;
  width?: number;
  height?: number;
}

/** Sequences hang under a project, newest first, and are deleted only once they have no tracks or transitions. */
const SEQUENCES: TimelineChildShape<'sequence', 'project', SequenceInput> = {
  type: 'sequence',
  parent: 'project',
  list: 'sequence_ids',
  limit: TIMELINE_LIMITS.sequencesPerProject,
  order: NEWEST_FIRST,
  build: (base, project, input) => ({
    ...base,
    timeline_project_id: project.id,
    name: input.name,
    fps: input.fps ?? 30,
    width: input.width ?? 1920,
    height: input.height ?? 1080,
    track_ids: [],
    transition_ids: [],
  }),
  checkRemovable: (_tx, sequence) =>
    checkEmpty('sequence', sequence.id, {
      tracks: sequence.track_ids.length,
      transitions: sequence.transition_ids.length,
    }),
};

/** Sequences of a project (the project's `sequence_ids` is updated in the same transaction). */
@Injectable()
export class TimelineSequencesService extends TimelineChildService<
  'sequence',
  'project',
  SequenceInput
> {
  constructor(repo: TimelineRepository, context: RequestContext) {
    super(repo, context, SEQUENCES);
  }
}
