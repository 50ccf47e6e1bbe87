import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/request-context/request-context';
import { TimelineChildService, type TimelineChildShape } from './timeline-children';
import { OLDEST_FIRST } from './timeline-paging';
import { checkEmpty } from './timeline-records';
import { TimelineRepository } from './timeline.repository';
import { TIMELINE_LIMITS, type TrackKind } from './timeline.types';

/** What a client sets on a track. */
export interface TrackInput {
  name: string;
  kind: TrackKind;
  muted?: boolean;
}

/** Tracks hang under a sequence, in creation order, and are deleted only once they have no clips. */
const TRACKS: TimelineChildShape<'track', 'sequence', TrackInput> = {
  type: 'track',
  parent: 'sequence',
  list: 'track_ids',
  limit: TIMELINE_LIMITS.tracksPerSequence,
  order: OLDEST_FIRST,
  build: (base, sequence, input) => ({
    ...base,
    sequence_id: sequence.id,
    name: input.name,
    kind: input.kind,
    muted: input.muted ?? false,
    clip_ids: [],
  }),
  checkRemovable: (_tx, track) => checkEmpty('track', track.id, { clips: track.clip_ids.length }),
};

/** Tracks of a sequence (the sequence's `track_ids` is updated in the same transaction). */
@Injectable()
export class TimelineTracksService extends TimelineChildService<'track', 'sequence', TrackInput> {
  constructor(repo: TimelineRepository, context: RequestContext) {
    super(repo, context, TRACKS);
  }
}
