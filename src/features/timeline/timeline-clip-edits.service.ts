import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors/domain.error';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { moveClip, splitClip, trimClip, type Shift } from './timeline-editing';
import { attach, checkVersion, detach, edited, load, newRecordBase } from './timeline-records';
import type { TimelineTransaction } from './timeline.repository';
import { TimelineRepository } from './timeline.repository';
import { TIMELINE_LIMITS, type Clip, type Track } from './timeline.types';

/** An edit's result: the edited clip and every other clip it moved. */
export interface ClipEditResult {
  clip: Clip;
  shifted: Clip[];
}

/**
 * Trim, split and move (the math is in timeline-editing.ts). Each edit reads the clips it
 * may shift and writes them, the edited clip and any parent id list in one transaction,
 * so a ripple is applied entirely or not at all. Every clip written gets version + 1.
 */
@Injectable()
export class TimelineClipEditsService {
  constructor(
    private readonly repo: TimelineRepository,
    private readonly context: RequestContext,
  ) {}

  async trim(
    id: string,
    edit: { in_ms?: number; out_ms?: number; ripple?: boolean },
    expectedVersion?: number,
  ): Promise<ClipEditResult> {
    if (edit.in_ms === undefined && edit.out_ms === undefined) {
      throw new ValidationFailedError([
        {
          field: 'in_ms',
          problems: ['give in_ms, out_ms or both: a trim needs a new source range'],
        },
      ]);
    }
    const now = new Date().toISOString();
    const ripple = edit.ripple ?? false;
    return this.repo.transact(this.context.scope, async (tx) => {
      const clip = await load(tx, 'clip', id);
      checkVersion(clip, expectedVersion);
      const trackClips = ripple ? await rippleCandidates(tx, clip.track_id) : [];
      const result = trimClip(clip, { in_ms: edit.in_ms, out_ms: edit.out_ms, ripple }, trackClips);
      const next = edited(clip, { in_ms: result.clip.in_ms, out_ms: result.clip.out_ms }, now);
      tx.put('clip', next);
      return { clip: next, shifted: writeShifts(tx, trackClips, result.shifts, now) };
    });
  }

  /**
   * Cuts at timeline position `at_ms` (strictly inside the clip). The left part keeps the
   * id; the right part is a new clip. Transitions leaving the clip now leave the right part.
   */
  split(id: string, atMs: number, expectedVersion?: number): Promise<{ left: Clip; right: Clip }> {
    const now = new Date().toISOString();
    const actor = this.context.principal.subject;
    return this.repo.transact(this.context.scope, async (tx) => {
      const clip = await load(tx, 'clip', id);
      checkVersion(clip, expectedVersion);
      const track = await load(tx, 'track', clip.track_id);
      const transitions = await tx.children('transition', clip.sequence_id);
      const parts = splitClip(clip, atMs, newSortableId());
      const left = edited(clip, { out_ms: parts.left.out_ms }, now);
      const right: Clip = { ...parts.right, ...newRecordBase(parts.right.id, actor, now) };
      tx.create('clip', right);
      tx.put('clip', left);
      tx.put('track', attach('track', track, 'clip_ids', right.id, TIMELINE_LIMITS.clipsPerTrack));
      for (const t of transitions.filter((t) => t.from_clip_id === id))
        tx.put('transition', edited(t, { from_clip_id: right.id }, now));
      return { left, right };
    });
  }

  /**
   * Moves the clip to `start_ms`, optionally onto another track of the same sequence; with
   * ripple, closes the gap it leaves and opens room where it lands.
   */
  move(
    id: string,
    edit: { start_ms: number; track_id?: string; ripple?: boolean },
    expectedVersion?: number,
  ): Promise<ClipEditResult> {
    const now = new Date().toISOString();
    const ripple = edit.ripple ?? false;
    return this.repo.transact(this.context.scope, async (tx) => {
      const clip = await load(tx, 'clip', id);
      checkVersion(clip, expectedVersion);
      const destinationId = edit.track_id ?? clip.track_id;
      const tracks =
        destinationId === clip.track_id ? null : await crossingTracks(tx, clip, destinationId);
      const originClips = ripple ? await rippleCandidates(tx, clip.track_id) : [];
      const destinationClips =
        ripple && tracks !== null ? await rippleCandidates(tx, destinationId) : [];
      const result = moveClip(
        clip,
        { start_ms: edit.start_ms, track_id: destinationId, ripple },
        originClips,
        destinationClips,
      );
      const next = edited(clip, { start_ms: edit.start_ms, track_id: destinationId }, now);
      tx.put('clip', next);
      if (tracks !== null) {
        tx.put('track', detach(tracks[0], 'clip_ids', id));
        tx.put('track', attach('track', tracks[1], 'clip_ids', id, TIMELINE_LIMITS.clipsPerTrack));
      }
      return {
        clip: next,
        shifted: writeShifts(tx, [...originClips, ...destinationClips], result.shifts, now),
      };
    });
  }
}

/** The origin and destination tracks of a move between tracks, which must share the clip's sequence. */
async function crossingTracks(
  tx: TimelineTransaction,
  clip: Clip,
  destinationId: string,
): Promise<[Track, Track]> {
  const tracks = await Promise.all([
    load(tx, 'track', clip.track_id),
    load(tx, 'track', destinationId),
  ]);
  if (tracks[1].sequence_id !== clip.sequence_id) {
    const problem = `track ${destinationId} belongs to another sequence: a clip moves only between tracks of its sequence (${clip.sequence_id})`;
    throw new ValidationFailedError([{ field: 'track_id', problems: [problem] }]);
  }
  return tracks;
}

/**
 * The clips a ripple on `trackId` may shift. The track document is read too: a clip create
 * on the track writes it, so on Firestore that create conflicts with this ripple instead of
 * slipping in unseen and staying unshifted.
 */
async function rippleCandidates(tx: TimelineTransaction, trackId: string): Promise<Clip[]> {
  await load(tx, 'track', trackId);
  return tx.children('clip', trackId);
}

/** Writes each shifted clip with its new start (version + 1) and returns them. */
function writeShifts(tx: TimelineTransaction, clips: Clip[], shifts: Shift[], now: string): Clip[] {
  const byId = new Map(clips.map((c) => [c.id, c]));
  return shifts.flatMap((s) => {
    const clip = byId.get(s.id);
    if (clip === undefined) return [];
    const next = edited(clip, { start_ms: s.start_ms }, now);
    tx.put('clip', next);
    return [next];
  });
}
