import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/request-context/request-context';
import { TimelineChildService, type TimelineChildShape } from './timeline-children';
import { assertClipTimes } from './timeline-editing';
import { TIMELINE_ORDER } from './timeline-paging';
import { TimelineClipInUseError } from './timeline.errors';
import { TimelineRepository } from './timeline.repository';
import { TIMELINE_LIMITS, type BlendMode } from './timeline.types';

/** What a client sets on a clip. */
export interface ClipInput {
  asset_id: string;
  in_ms: number;
  out_ms: number;
  start_ms: number;
  speed?: number;
  volume_db?: number;
  opacity?: number;
  blend_mode?: BlendMode;
}

/**
 * Clips hang under a track in timeline order (start_ms, then id); their times must stay
 * valid, and a clip used by a transition is not deleted (`409 timeline.clip_in_use`).
 */
const CLIPS: TimelineChildShape<'clip', 'track', ClipInput> = {
  type: 'clip',
  parent: 'track',
  list: 'clip_ids',
  limit: TIMELINE_LIMITS.clipsPerTrack,
  order: TIMELINE_ORDER,
  build: (base, track, input) => ({
    ...base,
    track_id: track.id,
    sequence_id: track.sequence_id,
    asset_id: input.asset_id,
    in_ms: input.in_ms,
    out_ms: input.out_ms,
    start_ms: input.start_ms,
    speed: input.speed ?? 1,
    volume_db: input.volume_db ?? 0,
    opacity: input.opacity ?? 1,
    blend_mode: input.blend_mode ?? 'normal',
  }),
  check: (_tx, clip) => assertClipTimes(clip),
  async checkRemovable(tx, clip) {
    const users = (await tx.children('transition', clip.sequence_id)).filter(
      (t) => t.from_clip_id === clip.id || t.to_clip_id === clip.id,
    );
    if (users.length > 0) throw new TimelineClipInUseError(clip.id, users.map((t) => t.id).sort());
  },
};

/**
 * Clips of a track (the track's `clip_ids` is updated in the same transaction); a PATCH
 * changes this clip only (no ripple). Editing operations that move other clips are in
 * TimelineClipEditsService.
 */
@Injectable()
export class TimelineClipsService extends TimelineChildService<'clip', 'track', ClipInput> {
  constructor(repo: TimelineRepository, context: RequestContext) {
    super(repo, context, CLIPS);
  }
}
