/** The resource kind this module declares in the routing registry. */
export const STRATEGY_LOCK_KIND = 'strategy_lock';

/** What a lock is about (the lock's own `scope` field, not the tenant/env/project scope). */
export const LOCK_SCOPES = [
  'campaign',
  'budget',
  'kpi_corridor',
  'code_deploy',
  'app_toggle',
  'other',
] as const;
export type LockScope = (typeof LOCK_SCOPES)[number];

/** Statuses that are stored: the approval decision. */
export const STORED_LOCK_STATUSES = ['draft', 'approved', 'rejected'] as const;
export type StoredLockStatus = (typeof STORED_LOCK_STATUSES)[number];

/** Statuses on the wire: `expired` is computed from `valid_until`, never stored. */
export const LOCK_STATUSES = [...STORED_LOCK_STATUSES, 'expired'] as const;
export type LockStatus = (typeof LOCK_STATUSES)[number];

/** In `allowed_actions`: any action. */
export const ANY_ACTION = '*';
/** Format of an action name, e.g. `builder:publish_page`. */
export const ACTION_FORMAT = /^[a-z0-9][a-z0-9_.:/-]{0,127}$/;
export const MAX_ALLOWED_ACTIONS = 100;
export const MAX_CONSTRAINTS_BYTES = 16 * 1024;

/** A lock as stored. */
export interface StrategyLock {
  id: string;
  /** The surface the lock applies to; null = every surface. */
  surface: string | null;
  scope: LockScope;
  title: string;
  description: string;
  constraints: Record<string, unknown>;
  /** Actions the lock authorises once approved; `*` = any. */
  allowed_actions: string[];
  created_by: string;
  approved_by: string | null;
  rejected_by: string | null;
  status: StoredLockStatus;
  valid_from: string;
  valid_until: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A lock as answered: `status` is `expired` once `valid_until` has passed. */
export type StrategyLockView = Omit<StrategyLock, 'status'> & { status: LockStatus };

/** What a caller gives to create a lock. */
export interface NewStrategyLock {
  surface?: string;
  scope: LockScope;
  title: string;
  description?: string;
  constraints?: Record<string, unknown>;
  allowed_actions: string[];
  valid_from?: string;
  valid_until: string;
}

/** What PATCH may change; `surface: null` makes the lock apply to every surface. */
export type StrategyLockChanges = Partial<Omit<NewStrategyLock, 'surface'>> & {
  surface?: string | null;
};

/** Answer of `GET /strategy-locks/check`. */
export interface LockCheck {
  allowed: boolean;
  reason: string;
  lock_id: string | null;
}

/**
 * The status of `lock` at time `at` (ISO string): a draft or approved lock whose
 * `valid_until` has passed is `expired`; a rejection stays a rejection.
 */
export function statusAt(lock: StrategyLock, at: string): LockStatus {
  return lock.status !== 'rejected' && lock.valid_until <= at ? 'expired' : lock.status;
}

/**
 * Whether `lock` authorises `action` on `surface` at `at`: approved, valid_from ≤ at <
 * valid_until, the action (or `*`) allowed, and the lock's surface unset or equal.
 */
export function authorises(
  lock: StrategyLock,
  action: string,
  surface: string | null,
  at: string,
): boolean {
  return (
    lock.status === 'approved' &&
    lock.valid_from <= at &&
    at < lock.valid_until &&
    (lock.allowed_actions.includes(action) || lock.allowed_actions.includes(ANY_ACTION)) &&
    (lock.surface === null || lock.surface === surface)
  );
}
