import type { Env, Scope } from '../../common/scope/scope';
import { ScopedState } from './scoped-state';

/** How a {@link ScopedRecords} copies values in and out. */
export interface ScopedRecordsOptions<T> {
  /**
   * The copy made on every write and read (default `structuredClone`). A store of bytes may
   * copy shallowly: `structuredClone` turns a `Buffer` into a plain `Uint8Array`, and the
   * adapter never mutates the bytes it holds.
   */
  copy?: (value: T) => T;
}

/**
 * The records of an in-memory adapter: one map per scope, so records of different scopes
 * never meet. Values are copied in and out, as a real store's serialisation would, so a
 * caller can never change a stored record by mutating what it got back (nor what it gave).
 */
export class ScopedRecords<T> {
  private readonly scopes = new ScopedState(() => new Map<string, T>());
  private readonly copy: (value: T) => T;

  constructor(options: ScopedRecordsOptions<T> = {}) {
    this.copy = options.copy ?? ((value) => structuredClone(value));
  }

  get(scope: Scope, key: string): T | null {
    const value = this.scopes.of(scope).get(key);
    return value === undefined ? null : this.copy(value);
  }

  has(scope: Scope, key: string): boolean {
    return this.scopes.of(scope).has(key);
  }

  /** Stores `value` under `key` (replacing any) and returns a copy of it. */
  set(scope: Scope, key: string, value: T): T {
    this.scopes.of(scope).set(key, this.copy(value));
    return this.copy(value);
  }

  /** Stores `value` unless `key` is taken; returns what is stored under `key` afterwards. */
  setIfAbsent(scope: Scope, key: string, value: T): T {
    return this.get(scope, key) ?? this.set(scope, key, value);
  }

  /**
   * Stores `change(current)` (current is null when `key` is free) and returns it. Runs
   * synchronously, so a check inside `change` and the write cannot interleave with another
   * call; when `change` throws nothing is stored.
   */
  upsert(scope: Scope, key: string, change: (current: T | null) => T): T {
    return this.set(scope, key, change(this.get(scope, key)));
  }

  /** Like {@link upsert} for an existing record only: null (nothing stored) when `key` is free. */
  update(scope: Scope, key: string, change: (current: T) => T): T | null {
    const current = this.get(scope, key);
    return current === null ? null : this.set(scope, key, change(current));
  }

  delete(scope: Scope, key: string): boolean {
    return this.scopes.of(scope).delete(key);
  }

  /** Every record of the scope, in no particular order. */
  values(scope: Scope): T[] {
    return [...this.scopes.of(scope).values()].map((v) => this.copy(v));
  }

  /** Every `[key, record]` of the scope, in no particular order. */
  entries(scope: Scope): [string, T][] {
    return [...this.scopes.of(scope)].map(([key, v]) => [key, this.copy(v)]);
  }

  /** The scopes of `tenantId` in `env` that hold at least one record. */
  scopesHeld(tenantId: string, env: Env): Scope[] {
    return this.scopes
      .scopesOf(tenantId, env)
      .filter(([, records]) => records.size > 0)
      .map(([scope]) => scope);
  }

  /** Removes every record of the scope. */
  clear(scope: Scope): void {
    this.scopes.delete(scope);
  }
}

/** The keyset page every list answers: ids below `before`, newest (largest id) first, at most `limit`. */
export function newestFirst<T extends { id: string }>(
  items: T[],
  before: string | undefined,
  limit: number,
): T[] {
  return descendingPage(items, (item) => item.id, { before, limit });
}

/**
 * A keyset page ordered by `key` descending: items whose key is below `page.before` (all
 * when it is absent), at most `page.limit`. For lists ordered by something else than the id
 * (a client timestamp and the id, …).
 */
export function descendingPage<T>(
  items: T[],
  key: (item: T) => string,
  page: { before?: string | undefined; limit: number },
): T[] {
  return pageBy(items, key, -1, page.before, page.limit);
}

/**
 * {@link descendingPage} with where the next page starts: the last item's key when more
 * items follow, null on the last page.
 */
export function descendingPageWithNext<T>(
  items: T[],
  key: (item: T) => string,
  page: { before?: string | undefined; limit: number },
): { items: T[]; next: string | null } {
  const window = descendingPage(items, key, { before: page.before, limit: page.limit + 1 });
  const pageItems = window.slice(0, page.limit);
  const last = pageItems.at(-1);
  return {
    items: pageItems,
    next: window.length > page.limit && last !== undefined ? key(last) : null,
  };
}

/**
 * A keyset page ordered by `key` ascending: items whose key is above `page.after` (all when
 * it is absent), at most `page.limit`. For lists ordered by a name.
 */
export function ascendingPage<T>(
  items: T[],
  key: (item: T) => string,
  page: { after?: string | undefined; limit: number },
): T[] {
  return pageBy(items, key, 1, page.after, page.limit);
}

/** Items past `bound` in `direction` (1 ascending, -1 descending), sorted, at most `limit`. */
function pageBy<T>(
  items: T[],
  key: (item: T) => string,
  direction: 1 | -1,
  bound: string | undefined,
  limit: number,
): T[] {
  const order = (a: string, b: string): number => (a < b ? -direction : a > b ? direction : 0);
  return items
    .filter((item) => bound === undefined || order(key(item), bound) > 0)
    .sort((a, b) => order(key(a), key(b)))
    .slice(0, limit);
}
