import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { getRecord, listChildren } from './timeline-reads';
import { OLDEST_FIRST } from './timeline-paging';
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
import { TIMELINE_LIMITS, type Track, type TrackKind } from './timeline.types';

/** What a client sets on a track. */
export interface TrackInput {
  name: string;
  kind: TrackKind;
  muted?: boolean;
}

/**
 * Tracks of a sequence. Creating or deleting one updates the sequence's `track_ids` in the
 * same transaction; a track is deleted only once it has no clips.
 */
@Injectable()
export class TimelineTracksService {
  constructor(
    private readonly repo: TimelineRepository,
    private readonly context: RequestContext,
  ) {}

  create(sequenceId: string, input: TrackInput): Promise<Track> {
    const now = new Date().toISOString();
    const actor = this.context.principal.subject;
    return this.repo.transact(this.context.scope, async (tx) => {
      const sequence = await load(tx, 'sequence', sequenceId);
      const track: Track = {
        ...newRecordBase(newSortableId(), actor, now),
        sequence_id: sequenceId,
        name: input.name,
        kind: input.kind,
        muted: input.muted ?? false,
        clip_ids: [],
      };
      tx.create('track', track);
      tx.put(
        'sequence',
        attach('sequence', sequence, 'track_ids', track.id, TIMELINE_LIMITS.tracksPerSequence),
      );
      return track;
    });
  }

  get(id: string): Promise<Track> {
    return getRecord(this.repo, this.context.scope, 'track', id);
  }

  /** Creation order, which is the sequence's `track_ids` order; `404` when the sequence does not exist. */
  list(sequenceId: string, page: { limit?: number; cursor?: string }): Promise<Page<Track>> {
    return listChildren(
      this.repo,
      this.context.scope,
      { type: 'sequence', id: sequenceId },
      'track',
      OLDEST_FIRST,
      page,
    );
  }

  update(id: string, patch: Partial<TrackInput>, expectedVersion?: number): Promise<Track> {
    const now = new Date().toISOString();
    return this.repo.transact(this.context.scope, (tx) =>
      editRecord(tx, 'track', id, expectedVersion, now, () => definedOnly(patch)),
    );
  }

  remove(id: string, expectedVersion?: number): Promise<void> {
    return this.repo.transact(this.context.scope, async (tx) => {
      const track = await load(tx, 'track', id);
      checkVersion(track, expectedVersion);
      checkEmpty('track', id, { clips: track.clip_ids.length });
      const sequence = await load(tx, 'sequence', track.sequence_id);
      tx.delete('track', id);
      tx.put('sequence', detach(sequence, 'track_ids', id));
    });
  }
}
