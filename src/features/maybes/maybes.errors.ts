import { NotFoundError, VersionConflictError } from '../../common/errors/domain.error';
import { MAYBES_KIND } from './maybes.types';

/** `404 maybes.not_found`: no item with this id in the request's scope. */
export class MaybeNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(MAYBES_KIND, 'Maybe item', id);
  }
}

/** `409 maybes.version_conflict`: If-Match names a version that is no longer current. */
export class MaybesVersionConflictError extends VersionConflictError {
  constructor(expected: number, actual: number | null) {
    super(MAYBES_KIND, expected, actual);
  }
}

/** Throws {@link MaybesVersionConflictError} when an `If-Match` version is given and stale. */
export function assertMaybeVersion(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual)
    throw new MaybesVersionConflictError(expected, actual);
}
