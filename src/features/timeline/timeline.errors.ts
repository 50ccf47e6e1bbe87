import { DomainError, NotFoundError, versionConflictOf } from '../../common/errors/domain.error';
import { RECORD_NAMES, TIMELINE_KIND, type TimelineRecordType } from './timeline.types';

/** `404 timeline.not_found`: no record of this type and id in the request's scope. */
export class TimelineNotFoundError extends NotFoundError {
  constructor(type: TimelineRecordType, id: string) {
    super(TIMELINE_KIND, RECORD_NAMES[type], id);
  }
}

/** `409 timeline.version_conflict`: If-Match named a version that is no longer current. */
export class TimelineVersionConflictError extends versionConflictOf(TIMELINE_KIND) {}

/**
 * `409 timeline.has_children`: a parent is deleted only when empty (no cascade), so a
 * delete never removes more than the client named.
 */
export class TimelineHasChildrenError extends DomainError {
  constructor(type: TimelineRecordType, id: string, children: Record<string, number>) {
    const listed = Object.entries(children)
      .filter(([, n]) => n > 0)
      .map(([what, n]) => `${n} ${what}`)
      .join(' and ');
    super(
      `${TIMELINE_KIND}.has_children`,
      'conflict',
      `${RECORD_NAMES[type]} "${id}" still has ${listed}: delete them first, then delete it.`,
      {
        id,
        children,
      },
    );
  }
}

/** `409 timeline.limit_reached`: a parent already holds as many children as allowed. */
export class TimelineLimitReachedError extends DomainError {
  constructor(type: TimelineRecordType, id: string, what: string, limit: number) {
    super(
      `${TIMELINE_KIND}.limit_reached`,
      'conflict',
      `${RECORD_NAMES[type]} "${id}" already has the maximum of ${limit} ${what}: delete one or use another ${RECORD_NAMES[type].toLowerCase()}.`,
      { id, limit },
    );
  }
}

/** `409 timeline.clip_in_use`: transitions still refer to the clip. */
export class TimelineClipInUseError extends DomainError {
  constructor(id: string, transitionIds: string[]) {
    super(
      `${TIMELINE_KIND}.clip_in_use`,
      'conflict',
      `Clip "${id}" is used by ${transitionIds.length} transition(s) (${transitionIds.join(', ')}): delete them or point them at another clip first.`,
      { id, transition_ids: transitionIds },
    );
  }
}

/** `409 timeline.id_taken`: a create hit an existing id (nothing was written). Retry the request. */
export class TimelineIdTakenError extends DomainError {
  constructor() {
    super(
      `${TIMELINE_KIND}.id_taken`,
      'conflict',
      'A new timeline record collided with an existing id; nothing was written. Retry the request.',
    );
  }
}
