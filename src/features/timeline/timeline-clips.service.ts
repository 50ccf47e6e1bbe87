import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { getRecord, listChildren } from './timeline-reads';
import { assertClipTimes } from './timeline-editing';
import { TIMELINE_ORDER } from './timeline-paging';
import {
  attach,
  checkVersion,
  definedOnly,
  detach,
  editRecord,
  load,
  newRecordBase,
} from './timeline-records';
import { TimelineClipInUseError } from './timeline.errors';
import { TimelineRepository } from './timeline.repository';
import { TIMELINE_LIMITS, type BlendMode, type Clip } from './timeline.types';

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
 * Clips of a track. Creating or deleting one updates the track's `clip_ids` in the same
 * transaction. A clip used by a transition is not deleted (`409 timeline.clip_in_use`).
 * Editing operations that move other clips are in TimelineClipEditsService.
 */
@Injectable()
export class TimelineClipsService {
  constructor(
    private readonly repo: TimelineRepository,
    private readonly context: RequestContext,
  ) {}

  create(trackId: string, input: ClipInput): Promise<Clip> {
    const now = new Date().toISOString();
    const actor = this.context.principal.subject;
    return this.repo.transact(this.context.scope, async (tx) => {
      const track = await load(tx, 'track', trackId);
      const clip: Clip = {
        ...newRecordBase(newSortableId(), actor, now),
        track_id: trackId,
        sequence_id: track.sequence_id,
        asset_id: input.asset_id,
        in_ms: input.in_ms,
        out_ms: input.out_ms,
        start_ms: input.start_ms,
        speed: input.speed ?? 1,
        volume_db: input.volume_db ?? 0,
        opacity: input.opacity ?? 1,
        blend_mode: input.blend_mode ?? 'normal',
      };
      assertClipTimes(clip);
      tx.create('clip', clip);
      tx.put('track', attach('track', track, 'clip_ids', clip.id, TIMELINE_LIMITS.clipsPerTrack));
      return clip;
    });
  }

  get(id: string): Promise<Clip> {
    return getRecord(this.repo, this.context.scope, 'clip', id);
  }

  /** Timeline order (start_ms, then id); `404` when the track does not exist. */
  list(trackId: string, page: { limit?: number; cursor?: string }): Promise<Page<Clip>> {
    return listChildren(
      this.repo,
      this.context.scope,
      { type: 'track', id: trackId },
      'clip',
      TIMELINE_ORDER,
      page,
    );
  }

  /** Changes fields of this clip only (no ripple); the merged times must stay valid. */
  update(id: string, patch: Partial<ClipInput>, expectedVersion?: number): Promise<Clip> {
    const now = new Date().toISOString();
    return this.repo.transact(this.context.scope, (tx) =>
      editRecord(tx, 'clip', id, expectedVersion, now, (current) => {
        const changes = definedOnly(patch);
        assertClipTimes({ ...current, ...changes });
        return changes;
      }),
    );
  }

  remove(id: string, expectedVersion?: number): Promise<void> {
    return this.repo.transact(this.context.scope, async (tx) => {
      const clip = await load(tx, 'clip', id);
      checkVersion(clip, expectedVersion);
      const users = (await tx.children('transition', clip.sequence_id)).filter(
        (t) => t.from_clip_id === id || t.to_clip_id === id,
      );
      if (users.length > 0) throw new TimelineClipInUseError(id, users.map((t) => t.id).sort());
      const track = await load(tx, 'track', clip.track_id);
      tx.delete('clip', id);
      tx.put('track', detach(track, 'clip_ids', id));
    });
  }
}
