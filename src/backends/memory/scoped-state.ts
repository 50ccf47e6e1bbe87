import type { Scope } from '../../common/scope/scope';

/**
 * One value per scope, made on first use: the state of an in-memory adapter that is not a
 * set of records (running totals, logs, live streams), so scopes never share it. Unlike
 * {@link ScopedRecords} nothing is cloned: the value is the adapter's own working state.
 */
export class ScopedState<T> {
  private readonly scopes = new Map<string, T>();

  /** @param create makes the value of a scope seen for the first time. */
  constructor(private readonly create: () => T) {}

  /** The scope's value (made now if the scope is new). */
  of(scope: Scope): T {
    const key = scope.toString();
    let value = this.scopes.get(key);
    if (value === undefined) {
      value = this.create();
      this.scopes.set(key, value);
    }
    return value;
  }
}
