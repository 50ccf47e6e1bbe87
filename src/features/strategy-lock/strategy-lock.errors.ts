import { DomainError, notFoundOf, versionConflictOf } from '../../common/errors/domain.error';
import { STRATEGY_LOCK_KIND, type LockStatus } from './strategy-lock.types';

/** `404 strategy_lock.not_found`: missing, or in another scope. */
export class StrategyLockNotFoundError extends notFoundOf(STRATEGY_LOCK_KIND, 'Strategy lock') {}

/** `409 strategy_lock.version_conflict`. */
export class StrategyLockVersionConflictError extends versionConflictOf(STRATEGY_LOCK_KIND) {}

/** `409 strategy_lock.invalid_transition`: approve and reject only apply to a draft. */
export class StrategyLockInvalidTransitionError extends DomainError {
  constructor(id: string, from: LockStatus, to: 'approved' | 'rejected') {
    super(
      `${STRATEGY_LOCK_KIND}.invalid_transition`,
      'conflict',
      `Strategy lock "${id}" is ${from}; only a draft can become ${to}.`,
      {
        id,
        status: from,
        target_status: to,
      },
    );
  }
}

/** `409 strategy_lock.not_editable`: only a draft can be changed. */
export class StrategyLockNotEditableError extends DomainError {
  constructor(id: string, status: LockStatus) {
    super(
      `${STRATEGY_LOCK_KIND}.not_editable`,
      'conflict',
      `Strategy lock "${id}" is ${status}; only a draft can be changed. Create a new lock instead.`,
      {
        id,
        status,
      },
    );
  }
}

/** `403 strategy_lock.self_approval`: four-eyes, the creator cannot approve their own lock. */
export class StrategyLockSelfApprovalError extends DomainError {
  constructor(id: string) {
    super(
      `${STRATEGY_LOCK_KIND}.self_approval`,
      'forbidden',
      `Strategy lock "${id}" was created by you; another admin must approve it.`,
      { id },
    );
  }
}

/**
 * `409 strategy_lock.required`: an action other kinds guard needs an approved, currently
 * valid lock and none allows it.
 */
export class StrategyLockRequiredError extends DomainError {
  constructor(action: string, surface: string | null, reason: string) {
    super(
      `${STRATEGY_LOCK_KIND}.required`,
      'conflict',
      `Action "${action}" needs an approved strategy lock: ${reason}`,
      {
        action,
        surface,
      },
    );
  }
}
