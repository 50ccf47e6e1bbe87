import { ValidationFailedError } from '../../common/errors/domain.error';

/**
 * Pure timeline math for clips: no I/O, no clock. Conventions:
 * - a clip plays source `[in_ms, out_ms)` from timeline position `start_ms` for
 *   `round((out_ms - in_ms) / speed)` ms, so it covers `[start_ms, end)`;
 * - "later clips" of an edit are the other clips on the same track that start at or after
 *   the edited clip's original end; ripple shifts exactly those;
 * - every result is a non-negative integer (a shift never moves a clip before the edited
 *   clip's new end).
 */
export interface ClipTiming {
  id: string;
  track_id: string;
  in_ms: number;
  out_ms: number;
  start_ms: number;
  speed: number;
}

/** Another clip's new start after a ripple. */
export interface Shift {
  id: string;
  start_ms: number;
}

export interface EditResult<C extends ClipTiming> {
  clip: C;
  shifts: Shift[];
}

const invalid = (field: string, problem: string): ValidationFailedError =>
  new ValidationFailedError([{ field, problems: [problem] }]);

/** How long the clip lasts on the timeline. */
export function durationOf(clip: Pick<ClipTiming, 'in_ms' | 'out_ms' | 'speed'>): number {
  return Math.round((clip.out_ms - clip.in_ms) / clip.speed);
}

/** Timeline position just after the clip's last millisecond. */
export function endOf(clip: Pick<ClipTiming, 'in_ms' | 'out_ms' | 'speed' | 'start_ms'>): number {
  return clip.start_ms + durationOf(clip);
}

/** Throws `400 validation.failed` unless out_ms > in_ms and the clip lasts at least 1 ms. */
export function assertClipTimes(clip: Pick<ClipTiming, 'in_ms' | 'out_ms' | 'speed'>): void {
  if (clip.out_ms <= clip.in_ms)
    throw invalid('out_ms', `out_ms (${clip.out_ms}) must be greater than in_ms (${clip.in_ms})`);
  if (durationOf(clip) < 1) {
    throw invalid(
      'speed',
      `at speed ${clip.speed} the source range ${clip.in_ms}..${clip.out_ms} lasts 0 ms on the timeline: lower the speed or widen the range`,
    );
  }
}

/** Shifts of `others` starting at or after `from`, by `delta` (none when delta is 0). */
function rippleFrom(
  others: readonly ClipTiming[],
  editedId: string,
  from: number,
  delta: number,
): Shift[] {
  if (delta === 0) return [];
  return others
    .filter((o) => o.id !== editedId && o.start_ms >= from)
    .map((o) => ({ id: o.id, start_ms: o.start_ms + delta }));
}

/**
 * New source range; the clip keeps its start. With ripple, later clips on the track move by
 * the change in timeline duration (earlier when it got shorter).
 */
export function trimClip<C extends ClipTiming>(
  clip: C,
  edit: { in_ms?: number; out_ms?: number; ripple: boolean },
  trackClips: readonly ClipTiming[],
): EditResult<C> {
  const next: C = { ...clip, in_ms: edit.in_ms ?? clip.in_ms, out_ms: edit.out_ms ?? clip.out_ms };
  assertClipTimes(next);
  const delta = durationOf(next) - durationOf(clip);
  return {
    clip: next,
    shifts: edit.ripple ? rippleFrom(trackClips, clip.id, endOf(clip), delta) : [],
  };
}

/**
 * Cuts the clip at timeline position `at_ms`, which must be strictly inside `[start_ms, end)`
 * (a cut on either edge would leave an empty clip). The left part keeps the clip's id and
 * start; the right part gets `rightId` and starts at `at_ms`. The source cut is
 * `in_ms + round((at_ms - start_ms) × speed)`.
 */
export function splitClip<C extends ClipTiming>(
  clip: C,
  atMs: number,
  rightId: string,
): { left: C; right: C } {
  const end = endOf(clip);
  if (!(atMs > clip.start_ms && atMs < end)) {
    throw invalid(
      'at_ms',
      `at_ms (${atMs}) must be strictly between the clip's start (${clip.start_ms}) and end (${end}) on the timeline`,
    );
  }
  const cut = clip.in_ms + Math.round((atMs - clip.start_ms) * clip.speed);
  const left: C = { ...clip, out_ms: cut };
  const right: C = { ...clip, id: rightId, in_ms: cut, start_ms: atMs };
  if (cut <= clip.in_ms || cut >= clip.out_ms || durationOf(left) < 1 || durationOf(right) < 1) {
    throw invalid(
      'at_ms',
      `at_ms (${atMs}) is too close to the clip's edge at speed ${clip.speed}: both parts must last at least 1 ms`,
    );
  }
  return { left, right };
}

/**
 * Moves the clip so it starts at `start_ms` on `track_id` (default: its own track). With
 * ripple it is an extract-and-insert: later clips on the origin track close the gap (move
 * earlier by the clip's duration), then clips on the destination track starting at or after
 * `start_ms` make room (move later by it). Without ripple only the clip moves.
 */
export function moveClip<C extends ClipTiming>(
  clip: C,
  edit: { start_ms: number; track_id?: string; ripple: boolean },
  originClips: readonly ClipTiming[],
  destinationClips: readonly ClipTiming[],
): EditResult<C> {
  const moved: C = { ...clip, start_ms: edit.start_ms, track_id: edit.track_id ?? clip.track_id };
  if (!edit.ripple) return { clip: moved, shifts: [] };
  const duration = durationOf(clip);
  const starts = new Map<string, number>();
  for (const s of rippleFrom(originClips, clip.id, endOf(clip), -duration))
    starts.set(s.id, s.start_ms);
  const destination = moved.track_id === clip.track_id ? originClips : destinationClips;
  for (const o of destination) {
    const start = starts.get(o.id) ?? o.start_ms;
    if (o.id !== clip.id && start >= edit.start_ms) starts.set(o.id, start + duration);
  }
  const original = new Map([...originClips, ...destinationClips].map((o) => [o.id, o.start_ms]));
  const shifts = [...starts]
    .filter(([id, start]) => original.get(id) !== start)
    .map(([id, start]) => ({ id, start_ms: start }));
  return { clip: moved, shifts };
}
