import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors/domain.error';
import type { Page } from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { getRecord, listChildren } from './timeline-reads';
import { NEWEST_FIRST } from './timeline-paging';
import {
  attach,
  checkVersion,
  definedOnly,
  detach,
  editRecord,
  load,
  newRecordBase,
} from './timeline-records';
import type { TimelineTransaction } from './timeline.repository';
import { TimelineRepository } from './timeline.repository';
import { TIMELINE_LIMITS, type Transition, type TransitionType } from './timeline.types';

/** What a client sets on a transition. */
export interface TransitionInput {
  type: TransitionType;
  duration_ms: number;
  from_clip_id?: string | null;
  to_clip_id?: string | null;
}

/**
 * Transitions of a sequence, each from an outgoing clip to an incoming one (clips of the
 * same sequence; one side may be null). Creating or deleting one updates the sequence's
 * `transition_ids` in the same transaction.
 */
@Injectable()
export class TimelineTransitionsService {
  constructor(
    private readonly repo: TimelineRepository,
    private readonly context: RequestContext,
  ) {}

  create(sequenceId: string, input: TransitionInput): Promise<Transition> {
    const now = new Date().toISOString();
    const actor = this.context.principal.subject;
    return this.repo.transact(this.context.scope, async (tx) => {
      const sequence = await load(tx, 'sequence', sequenceId);
      const transition: Transition = {
        ...newRecordBase(newSortableId(), actor, now),
        sequence_id: sequenceId,
        type: input.type,
        duration_ms: input.duration_ms,
        from_clip_id: input.from_clip_id ?? null,
        to_clip_id: input.to_clip_id ?? null,
      };
      await checkClips(tx, transition);
      tx.create('transition', transition);
      tx.put(
        'sequence',
        attach(
          'sequence',
          sequence,
          'transition_ids',
          transition.id,
          TIMELINE_LIMITS.transitionsPerSequence,
        ),
      );
      return transition;
    });
  }

  get(id: string): Promise<Transition> {
    return getRecord(this.repo, this.context.scope, 'transition', id);
  }

  /** Newest first; `404` when the sequence does not exist. */
  list(sequenceId: string, page: { limit?: number; cursor?: string }): Promise<Page<Transition>> {
    return listChildren(
      this.repo,
      this.context.scope,
      { type: 'sequence', id: sequenceId },
      'transition',
      NEWEST_FIRST,
      page,
    );
  }

  update(
    id: string,
    patch: Partial<TransitionInput>,
    expectedVersion?: number,
  ): Promise<Transition> {
    const now = new Date().toISOString();
    return this.repo.transact(this.context.scope, (tx) =>
      editRecord(tx, 'transition', id, expectedVersion, now, async (current) => {
        const changes = definedOnly(patch) as Partial<Transition>;
        await checkClips(tx, { ...current, ...changes });
        return changes;
      }),
    );
  }

  remove(id: string, expectedVersion?: number): Promise<void> {
    return this.repo.transact(this.context.scope, async (tx) => {
      const transition = await load(tx, 'transition', id);
      checkVersion(transition, expectedVersion);
      const sequence = await load(tx, 'sequence', transition.sequence_id);
      tx.delete('transition', id);
      tx.put('sequence', detach(sequence, 'transition_ids', id));
    });
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
