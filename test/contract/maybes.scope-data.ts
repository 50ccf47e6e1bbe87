import { newSortableId } from '../../src/common/ids/sortable-id';
import type { Scope } from '../../src/common/scope/scope';
import type { MaybesRepository } from '../../src/features/maybes/maybes.repository';
import type { MaybeItem } from '../../src/features/maybes/maybes.types';
import type { ScopeDataContractOptions } from './scope-data.contract';

function item(over: Partial<MaybeItem>): MaybeItem {
  const now = new Date().toISOString();
  return {
    id: newSortableId(),
    title: 'A note',
    body: '',
    tags: [],
    pinned: false,
    archived: false,
    created_by: 'u_a',
    created_at: now,
    updated_at: now,
    updated_by: 'u_a',
    version: 1,
    ...over,
  };
}

/**
 * Maybes for the scope-data round trip: three items, one updated twice (version 3, tags,
 * pinned), one archived, one deleted; read back by id and through every filter the port has.
 */
export const maybesScopeData: ScopeDataContractOptions<MaybesRepository> = {
  async seed(repo, scope: Scope) {
    const first = await repo.create(scope, item({ title: 'Ideas', body: 'Ship the roadmap' }));
    await repo.create(scope, item({ title: 'Old', tags: ['x'] }));
    const third = await repo.create(scope, item({ title: 'Draft', tags: ['a', 'b'] }));
    const gone = await repo.create(scope, item({ title: 'Gone' }));
    await repo.update(scope, first.id, { pinned: true, tags: ['z', 'a'] }, { actor: 'u_b' });
    await repo.update(scope, first.id, { body: 'Ship it' }, { actor: 'u_c', expectedVersion: 2 });
    await repo.update(scope, third.id, { archived: true }, { actor: 'u_b' });
    await repo.delete(scope, gone.id, {});
  },
  async read(repo, scope) {
    const page = { limit: 50 };
    const all = await repo.search(scope, {}, page);
    return {
      all,
      byId: await Promise.all(all.items.map((i) => repo.get(scope, i.id))),
      pinned: await repo.search(scope, { pinned: true }, page),
      archived: await repo.search(scope, { archived: true }, page),
      tagged: await repo.search(scope, { tagsAny: ['a'] }, page),
      q: await repo.search(scope, { q: 'SHIP' }, page),
    };
  },
};
