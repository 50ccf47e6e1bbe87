import { NotFoundError, versionConflictOf } from '../../common/errors/domain.error';
import { MEMORY_KIND } from './memory.types';

/** `404 memory.not_found`: no live blackboard entry with this key (missing or expired). */
export class BlackboardNotFoundError extends NotFoundError {
  constructor(key: string) {
    super(MEMORY_KIND, 'Blackboard', key, {
      hint: `It does not exist in this project or has expired. PUT /memory/blackboards/${key} to create it.`,
      details: { key },
    });
  }
}

/** `409 memory.version_conflict`: If-Match names a version that is no longer current. */
export class MemoryVersionConflictError extends versionConflictOf(MEMORY_KIND) {}
