import { whereEqual } from '../../../backends/memory/record-filters';
import { newestFirst, ScopedRecords } from '../../../backends/memory/scoped-records';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { StrategyLockRepository, type StrategyLockQuery } from '../strategy-lock.repository';
import { strategyLockOf, strategyLockRecord } from '../strategy-lock.scope-data';
import { ANY_ACTION, type StrategyLock } from '../strategy-lock.types';

/** Dev/test adapter: locks in maps keyed by scope. Forgets everything at restart. */
export class InMemoryStrategyLockRepository extends StrategyLockRepository implements ScopeData {
  private readonly locks = new ScopedRecords<StrategyLock>();

  create(scope: Scope, lock: StrategyLock): Promise<StrategyLock> {
    if (this.locks.has(scope, lock.id))
      return Promise.reject(new Error(`strategy lock ${lock.id} already exists`));
    return Promise.resolve(this.locks.set(scope, lock.id, lock));
  }

  get(scope: Scope, id: string): Promise<StrategyLock | null> {
    return Promise.resolve(this.locks.get(scope, id));
  }

  list(scope: Scope, query: StrategyLockQuery): Promise<StrategyLock[]> {
    const matching = this.locks
      .values(scope)
      .filter((lock) => query.statuses === undefined || query.statuses.includes(lock.status))
      .filter(whereEqual<StrategyLock>({ surface: query.surface, scope: query.lock_scope }));
    return Promise.resolve(newestFirst(matching, query.before, query.limit));
  }

  findApproved(scope: Scope, action: string, at: string): Promise<StrategyLock[]> {
    return Promise.resolve(
      this.locks
        .values(scope)
        .filter(
          (lock) =>
            lock.status === 'approved' &&
            lock.valid_until > at &&
            (lock.allowed_actions.includes(action) || lock.allowed_actions.includes(ANY_ACTION)),
        ),
    );
  }

  update(
    scope: Scope,
    id: string,
    change: (current: StrategyLock) => StrategyLock,
  ): Promise<StrategyLock | null> {
    return Promise.resolve().then(() => this.locks.update(scope, id, change));
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return yieldAll(this.locks.values(scope).map(strategyLockRecord));
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const locks = records.map(strategyLockOf);
    for (const lock of locks) this.locks.set(scope, lock.id, lock);
    return Promise.resolve();
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return Promise.resolve(this.locks.scopesHeld(tenantId, env));
  }

  deleteScope(scope: Scope): Promise<void> {
    this.locks.clear(scope);
    return Promise.resolve();
  }
}
