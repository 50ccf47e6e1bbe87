import type { ScopeRecord } from '../../common/scope-data/scope-data';
import type { StrategyLock } from './strategy-lock.types';

/**
 * The one collection of strategy_lock in a move: every lock of the scope as the port
 * returns it (`data` is the {@link StrategyLock}, id = the lock's id). Every adapter
 * exports and imports exactly this, so a scope moves between any two backends.
 */
export const STRATEGY_LOCK_RECORDS = 'locks';

/** The neutral record of a lock. */
export function strategyLockRecord(lock: StrategyLock): ScopeRecord {
  return { collection: STRATEGY_LOCK_RECORDS, id: lock.id, data: lock };
}

/**
 * The lock a record carries, before the adapter checks its fields: refuses a record of
 * another collection or whose id is not the lock's own, which would mean a broken export.
 */
export function strategyLockOf(record: ScopeRecord): StrategyLock {
  const lock = record.data as Partial<StrategyLock> | null;
  if (record.collection !== STRATEGY_LOCK_RECORDS || lock?.id !== record.id)
    throw new Error(`strategy_lock: cannot import record ${record.collection}/${record.id}`);
  return lock as StrategyLock;
}
