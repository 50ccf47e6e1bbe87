import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors/domain.error';
import { RequestContext } from '../../common/request-context/request-context';
import { TimelineChildService, type TimelineChildShape } from './timeline-children';
import { NEWEST_FIRST } from './timeline-paging';
import { TimelineRepository, type TimelineTransaction } from './timeline.repository';
import { TIMELINE_LIMITS, type Transition, type TransitionType } from './timeline.types';

/** What a client sets on a transition. */
export interface TransitionInput {
  type: TransitionType;
  duration_ms: number;
  from_clip_id?: string | null;
  to_clip_id?: string | null;
}

/**
 * Transitions hang under a sequence, newest first, each from an outgoing clip to an incoming
 * one (clips of the same sequence; one side may be null).
 */
const TRANSITIONS: TimelineChildShape<'transition', 'sequence', TransitionInput> = {
  type: 'transition',
  parent: 'sequence',
  list: 'transition_ids',
  limit: TIMELINE_LIMITS.transitionsPerSequence,
  order: NEWEST_FIRST,
  build: (base, sequence, input) => ({
    ...base,
    sequence_id: sequence.id,
    type: input.type,
    duration_ms: input.duration_ms,
    from_clip_id: input.from_clip_id ?? null,
    to_clip_id: input.to_clip_id ?? null,
  }),
  check: checkClips,
};

/** Transitions of a sequence (the sequence's `transition_ids` is updated in the same transaction). */
@Injectable()
export class TimelineTransitionsService extends TimelineChildService<
  'transition',
  'sequence',
  TransitionInput
> {
  constructor(repo: TimelineRepository, context: RequestContext) {
    super(repo, context, TRANSITIONS);
  }
}

/** `400 validation.failed` unless at least one side is set, the sides differ, and each names a clip of the sequence. */
async function checkClips(tx: TimelineTransaction, t: Transition): Promise<void> {
  const problems: { field: string; problems: string[] }[] = [];
  if (t.from_clip_id === null && t.to_clip_id === null) {
    problems.push({
      field: 'from_clip_id',
      problems: ['give from_clip_id, to_clip_id or both: a transition joins at least one clip'],
    });
  }
  if (t.from_clip_id !== null && t.from_clip_id === t.to_clip_id) {
    problems.push({
      field: 'to_clip_id',
      problems: [
        'to_clip_id must differ from from_clip_id: a transition joins two different clips',
      ],
    });
  }
  for (const field of ['from_clip_id', 'to_clip_id'] as const) {
    const clipId = t[field];
    if (clipId === null) continue;
    const clip = await tx.get('clip', clipId);
    if (clip?.sequence_id !== t.sequence_id)
      problems.push({
        field,
        problems: [`${field} ${clipId} is not a clip of sequence ${t.sequence_id}`],
      });
  }
  if (problems.length > 0) throw new ValidationFailedError(problems);
}
