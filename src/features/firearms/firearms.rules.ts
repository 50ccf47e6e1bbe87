import { ValidationFailedError } from '../../common/errors/domain.error';
import {
  LICENCE_LEVELS,
  MAX_LICENCE_YEARS,
  type Licence,
  type LicenceLevel,
  type LicenceStatus,
  type LicenceView,
} from './firearms.types';

/** Levels that satisfy `required`, weakest first (a check names the least privilege that allows). */
export function levelsCovering(required: LicenceLevel): LicenceLevel[] {
  return LICENCE_LEVELS.slice(LICENCE_LEVELS.indexOf(required));
}

/**
 * `revoked` wins; otherwise `expired` once `now` has reached `expires_at` (computed, never
 * stored); otherwise `active`.
 */
export function statusAt(licence: Licence, now: Date): LicenceStatus {
  if (licence.status === 'revoked') return 'revoked';
  return Date.parse(licence.expires_at) <= now.getTime() ? 'expired' : 'active';
}

/** The licence with its computed status. */
export function toView(licence: Licence, now: Date): LicenceView {
  return { ...licence, status: statusAt(licence, now) };
}

function expiryProblem(at: number, now: Date): string | null {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_LICENCE_YEARS);
  if (Number.isNaN(at))
    return 'expires_at must be an ISO-8601 date-time such as 2030-01-01T00:00:00Z';
  if (at <= now.getTime())
    return `expires_at must be in the future (now is ${now.toISOString()}); give a later date-time`;
  if (at > latest.getTime()) {
    return `expires_at must be at most ${MAX_LICENCE_YEARS} years ahead (before ${latest.toISOString()}); issue a shorter licence and renew it`;
  }
  return null;
}

/**
 * `expires_at` as canonical ISO-8601 UTC (so stored values compare as strings), or
 * `400 validation.failed` unless it is in the future and at most MAX_LICENCE_YEARS ahead.
 */
export function checkedExpiry(value: string, now: Date): string {
  const at = Date.parse(value);
  const problem = expiryProblem(at, now);
  if (problem !== null)
    throw new ValidationFailedError([{ field: 'expires_at', problems: [problem] }]);
  return new Date(at).toISOString();
}
