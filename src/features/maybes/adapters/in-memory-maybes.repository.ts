import type { Scope } from '../../../common/scope/scope';
import { applyMaybeChanges } from '../maybes-records';
import { DEFAULT_MAYBE_SCAN_BUDGET, scanMaybes } from '../maybes-scan';
import { MaybesRepository } from '../maybes.repository';
import type { MaybeChanges, MaybeFilter, MaybeItem, MaybeSearchPage } from '../maybes.types';
import { MaybesVersionConflictError } from '../maybes.errors';

/**
 * Dev/test adapter: items in a map per scope. Forgets everything at restart. Searches with
 * the same budgeted scan as the Firestore adapter, so both pass one contract.
 */
export class InMemoryMaybesRepository extends MaybesRepository {
  private readonly scopes = new Map<string, Map<string, MaybeItem>>();

  constructor(private readonly options: { scanBudget?: number } = {}) {
    super();
  }

  create(scope: Scope, item: MaybeItem): Promise<MaybeItem> {
    const existing = this.items(scope).get(item.id);
    if (existing !== undefined) return Promise.resolve(structuredClone(existing));
    this.items(scope).set(item.id, structuredClone(item));
    return Promise.resolve(structuredClone(item));
  }

  get(scope: Scope, id: string): Promise<MaybeItem | null> {
    return Promise.resolve(structuredClone(this.items(scope).get(id) ?? null));
  }

  search(
    scope: Scope,
    filter: MaybeFilter,
    page: { limit: number; before?: string },
  ): Promise<MaybeSearchPage> {
    const candidates = [...this.items(scope).values()]
      .filter((item) => matchesPredicates(item, filter))
      .sort((a, b) => (a.id < b.id ? 1 : -1));
    const read = (before: string | undefined, size: number): Promise<MaybeItem[]> =>
      Promise.resolve(
        candidates
          .filter((item) => before === undefined || item.id < before)
          .slice(0, size)
          .map((item) => structuredClone(item)),
      );
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
    const current = this.items(scope).get(id);
    if (current === undefined) return Promise.resolve(null);
    if (write.expectedVersion !== undefined && write.expectedVersion !== current.version) {
      return Promise.reject(new MaybesVersionConflictError(write.expectedVersion, current.version));
    }
    const next = applyMaybeChanges(current, changes, write.actor, new Date().toISOString());
    this.items(scope).set(id, next);
    return Promise.resolve(structuredClone(next));
  }

  delete(scope: Scope, id: string, write: { expectedVersion?: number }): Promise<boolean> {
    const current = this.items(scope).get(id);
    if (current === undefined) return Promise.resolve(false);
    if (write.expectedVersion !== undefined && write.expectedVersion !== current.version) {
      return Promise.reject(new MaybesVersionConflictError(write.expectedVersion, current.version));
    }
    return Promise.resolve(this.items(scope).delete(id));
  }

  private items(scope: Scope): Map<string, MaybeItem> {
    const key = scope.toString();
    let items = this.scopes.get(key);
    if (items === undefined) {
      items = new Map();
      this.scopes.set(key, items);
    }
    return items;
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
