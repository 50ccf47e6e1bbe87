import { DomainError, notFoundOf, versionConflictOf } from '../../common/errors/domain.error';
import { FIREARMS_KIND } from './firearms.types';

/** `404 firearms.not_found`: no licence with this id in the request's scope. */
export class LicenceNotFoundError extends notFoundOf(FIREARMS_KIND, 'Licence') {}

/** `404 firearms.not_found`: the action has no configured level in the request's scope. */
export class ActionNotFoundError extends notFoundOf(FIREARMS_KIND, 'Action') {}

/** `409 firearms.version_conflict`: If-Match named a version that is no longer current. */
export class FirearmsVersionConflictError extends versionConflictOf(FIREARMS_KIND) {}

/** `409 firearms.already_revoked`: a licence is revoked once; issue a new one instead. */
export class LicenceAlreadyRevokedError extends DomainError {
  constructor(id: string) {
    super(
      `${FIREARMS_KIND}.already_revoked`,
      'conflict',
      `Licence "${id}" is already revoked. A revoked licence cannot be changed; issue a new licence if the subject needs one.`,
      { id },
    );
  }
}

/**
 * `403 firearms.self_grant`: a caller below admin tried to issue a licence to themselves
 * (subject_type user, subject_id = their token `sub`).
 */
export class LicenceSelfGrantError extends DomainError {
  constructor(subject: string) {
    super(
      `${FIREARMS_KIND}.self_grant`,
      'forbidden',
      `You cannot grant a licence to yourself ("${subject}") unless you are admin in this tenant. Ask an admin to issue it.`,
      { subject_id: subject },
    );
  }
}
