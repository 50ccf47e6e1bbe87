import type { Scope } from '../../common/scope/scope';
import type { LockScope, StoredLockStatus, StrategyLock } from './strategy-lock.types';

/** Filters of {@link StrategyLockRepository.list}, all on stored fields. */
export interface StrategyLockQuery {
  /** Any of these stored statuses. */
  statuses?: StoredLockStatus[];
  /** Exactly this surface (locks without a surface are not included). */
  surface?: string;
  lock_scope?: LockScope;
  /** Only ids below this one (the last id of the previous page). */
  before?: string;
  limit: number;
}

/**
 * Port: the strategy locks of one scope. Locks of different scopes never see each other;
 * a read by id from another scope is null.
 */
export abstract class StrategyLockRepository {
  /** Stores a new lock under its (fresh, unique) id and returns it. */
  abstract create(scope: Scope, lock: StrategyLock): Promise<StrategyLock>;

  /** The lock with this id in `scope`, or null. */
  abstract get(scope: Scope, id: string): Promise<StrategyLock | null>;

  /** Locks matching every given filter, newest (largest id) first. */
  abstract list(scope: Scope, query: StrategyLockQuery): Promise<StrategyLock[]>;

  /**
   * Approved locks whose `allowed_actions` contain `action` or `*` and whose `valid_until`
   * is after `at` (ISO). Any order; the caller applies `valid_from` and the surface.
   */
  abstract findApproved(scope: Scope, action: string, at: string): Promise<StrategyLock[]>;

  /**
   * Atomic read-check-write: `change` gets the stored lock and returns the lock to store
   * (or throws a domain error to refuse, and nothing is written). Null when there is no
   * such lock. `change` may run more than once (transaction retries), so it must be pure.
   */
  abstract update(
    scope: Scope,
    id: string,
    change: (current: StrategyLock) => StrategyLock,
  ): Promise<StrategyLock | null>;
}
