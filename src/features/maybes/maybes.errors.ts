import { notFoundOf, versionConflictOf } from '../../common/errors/domain.error';
import { MAYBES_KIND } from './maybes.types';

/** `404 maybes.not_found`: no item with this id in the request's scope. */
export class MaybeNotFoundError extends notFoundOf(MAYBES_KIND, 'Maybe item') {}

/** `409 maybes.version_conflict`: If-Match names a version that is no longer current. */
export class MaybesVersionConflictError extends versionConflictOf(MAYBES_KIND) {}

/** Throws {@link MaybesVersionConflictError} when an `If-Match` version is given and stale. */
export function assertMaybeVersion(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual)
    throw new MaybesVersionConflictError(expected, actual);
}
