import { ValidationFailedError } from '../../common/errors/domain.error';
import { toUtcIso } from '../../common/validation/timestamp.validators';
import type { LockStatus, StoredLockStatus } from './strategy-lock.types';

/** The stored statuses a wire status filter covers (`expired` = a lapsed draft or approval). */
export function storedStatusesFor(status: LockStatus | undefined): StoredLockStatus[] | undefined {
  if (status === undefined) return undefined;
  return status === 'expired' ? ['draft', 'approved'] : [status];
}

/**
 * The normalised validity window; `400 validation.failed` unless `valid_until` lies in the
 * future and after `valid_from`.
 */
export function validityWindow(
  from: string,
  until: string,
  now: string,
): { valid_from: string; valid_until: string } {
  const validFrom = toUtcIso(from);
  const validUntil = toUtcIso(until);
  if (validFrom === null) throw invalid('valid_from', 'must be an ISO-8601 date-time with a zone');
  if (validUntil === null)
    throw invalid('valid_until', 'must be an ISO-8601 date-time with a zone');
  if (validUntil <= now) throw invalid('valid_until', 'must be in the future');
  if (validUntil <= validFrom) throw invalid('valid_until', 'must be later than valid_from');
  return { valid_from: validFrom, valid_until: validUntil };
}

function invalid(field: string, problem: string): ValidationFailedError {
  return new ValidationFailedError([{ field, problems: [`${field} ${problem}`] }]);
}
