import type { Scope } from '../../common/scope/scope';

/**
 * The records of an in-memory adapter: one map per scope, so records of different scopes
 * never meet. Values are cloned in and out, as a real store's serialisation would, so a
 * caller can never change a stored record by mutating what it got back.
 */
export class ScopedRecords<T> {
  private readonly scopes = new Map<string, Map<string, T>>();

  get(scope: Scope, key: string): T | null {
    const value = this.of(scope).get(key);
    return value === undefined ? null : structuredClone(value);
  }

  has(scope: Scope, key: string): boolean {
    return this.of(scope).has(key);
  }

  set(scope: Scope, key: string, value: T): T {
    this.of(scope).set(key, structuredClone(value));
    return structuredClone(value);
  }

  delete(scope: Scope, key: string): boolean {
    return this.of(scope).delete(key);
  }

  /** Every record of the scope, in no particular order. */
  values(scope: Scope): T[] {
    return [...this.of(scope).values()].map((v) => structuredClone(v));
  }

  private of(scope: Scope): Map<string, T> {
    const key = scope.toString();
    let records = this.scopes.get(key);
    if (records === undefined) {
      records = new Map();
      this.scopes.set(key, records);
    }
    return records;
  }
}

/** The keyset page every list answers: ids below `before`, newest (largest id) first, at most `limit`. */
export function newestFirst<T extends { id: string }>(
  items: T[],
  before: string | undefined,
  limit: number,
): T[] {
  return items
    .filter((item) => before === undefined || item.id < before)
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, limit);
}
