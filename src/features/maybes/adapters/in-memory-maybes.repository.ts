import { newestFirst, ScopedRecords } from '../../../backends/memory/scoped-records';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { applyMaybeChanges } from '../maybes-records';
import { maybeOfRecord, maybeRecord } from '../maybes-scope-data';
import { DEFAULT_MAYBE_SCAN_BUDGET, scanMaybes } from '../maybes-scan';
import { MaybesRepository } from '../maybes.repository';
import { assertMaybeVersion } from '../maybes.errors';
import type { MaybeChanges, MaybeFilter, MaybeItem, MaybeSearchPage } from '../maybes.types';

/**
 * Dev/test adapter: items in a map per scope. Forgets everything at restart. Searches with
 * the same budgeted scan as the Firestore adapter, so both pass one contract.
 */
export class InMemoryMaybesRepository extends MaybesRepository implements ScopeData {
  private readonly items = new ScopedRecords<MaybeItem>();

  constructor(private readonly options: { scanBudget?: number } = {}) {
    super();
  }

  create(scope: Scope, item: MaybeItem): Promise<MaybeItem> {
    return Promise.resolve(this.items.setIfAbsent(scope, item.id, item));
  }

  get(scope: Scope, id: string): Promise<MaybeItem | null> {
    return Promise.resolve(this.items.get(scope, id));
  }

  search(
    scope: Scope,
    filter: MaybeFilter,
    page: { limit: number; before?: string },
  ): Promise<MaybeSearchPage> {
    const candidates = this.items.values(scope).filter((item) => matchesPredicates(item, filter));
    const read = (before: string | undefined, size: number): Promise<MaybeItem[]> =>
      Promise.resolve(structuredClone(newestFirst(candidates, before, size)));
    return scanMaybes(
      read,
      { ...page, q: filter.q },
      this.options.scanBudget ?? DEFAULT_MAYBE_SCAN_BUDGET,
    );
  }

  update(
    scope: Scope,
    id: string,
    changes: MaybeChanges,
    write: { actor: string; expectedVersion?: number },
  ): Promise<MaybeItem | null> {
    return Promise.resolve().then(() =>
      this.items.update(scope, id, (current) => {
        assertMaybeVersion(write.expectedVersion, current.version);
        return applyMaybeChanges(current, changes, write.actor, new Date().toISOString());
      }),
    );
  }

  delete(scope: Scope, id: string, write: { expectedVersion?: number }): Promise<boolean> {
    return Promise.resolve().then(() => {
      const current = this.items.get(scope, id);
      if (current === null) return false;
      assertMaybeVersion(write.expectedVersion, current.version);
      return this.items.delete(scope, id);
    });
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return yieldAll(this.items.values(scope).map(maybeRecord));
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const items = records.map(maybeOfRecord);
    for (const item of items) this.items.set(scope, item.id, item);
    return Promise.resolve();
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return Promise.resolve(this.items.scopesHeld(tenantId, env));
  }

  deleteScope(scope: Scope): Promise<void> {
    this.items.clear(scope);
    return Promise.resolve();
  }
}

function matchesPredicates(item: MaybeItem, filter: MaybeFilter): boolean {
  if (filter.pinned !== undefined && item.pinned !== filter.pinned) return false;
  if (filter.archived !== undefined && item.archived !== filter.archived) return false;
  const tagsAny = filter.tagsAny;
  return (
    tagsAny === undefined || tagsAny.length === 0 || item.tags.some((tag) => tagsAny.includes(tag))
  );
}
