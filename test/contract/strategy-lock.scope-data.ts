import type { Scope } from '../../src/common/scope/scope';
import type { StrategyLockRepository } from '../../src/features/strategy-lock/strategy-lock.repository';
import type { StrategyLock } from '../../src/features/strategy-lock/strategy-lock.types';
import type { ScopeDataContractOptions } from './scope-data.contract';
import { HOUR, iso, lock } from './strategy-lock.repository.contract';

/** A later revision of a lock, as the service writes one (version + 1). */
const revised = (current: StrategyLock, over: Partial<StrategyLock>): StrategyLock => ({
  ...current,
  ...over,
  version: current.version + 1,
  updated_at: new Date().toISOString(),
});

/**
 * Strategy locks for the scope-data round trip: a draft, one approved (version 2), one
 * rejected after an edit (version 3) and one already expired, with surfaces set and unset.
 */
export const strategyLockScopeData: ScopeDataContractOptions<StrategyLockRepository> = {
  async seed(repo, scope: Scope) {
    await repo.create(scope, lock({ surface: 'web', description: 'draft' }));
    const approved = await repo.create(scope, lock({ allowed_actions: ['*'], scope: 'budget' }));
    await repo.update(scope, approved.id, (c) =>
      revised(c, { status: 'approved', approved_by: 'u_b' }),
    );
    const rejected = await repo.create(scope, lock({ surface: 'app', constraints: {} }));
    await repo.update(scope, rejected.id, (c) => revised(c, { title: 'Edited' }));
    await repo.update(scope, rejected.id, (c) =>
      revised(c, { status: 'rejected', rejected_by: 'u_c' }),
    );
    await repo.create(scope, lock({ valid_from: iso(-2 * HOUR), valid_until: iso(-HOUR) }));
  },
  async read(repo, scope) {
    const all = await repo.list(scope, { limit: 100 });
    return {
      all,
      byId: await Promise.all(all.map((l) => repo.get(scope, l.id))),
      approved: await repo.list(scope, { statuses: ['approved'], limit: 100 }),
      onWeb: await repo.list(scope, { surface: 'web', limit: 100 }),
      authorising: (
        await repo.findApproved(scope, 'builder:publish_page', new Date().toISOString())
      ).map((l) => l.id),
    };
  },
};
