import { Scope, type Env } from '../../common/scope/scope';

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

  /** The scope's value if it has one, without making it. */
  peek(scope: Scope): T | undefined {
    return this.scopes.get(scope.toString());
  }

  /** Every `[scope, value]` of `tenantId` in `env` (tenant-wide and project scopes). */
  scopesOf(tenantId: string, env: Env): [Scope, T][] {
    const out: [Scope, T][] = [];
    const prefix = `${tenantId}/${env}/`;
    for (const [key, value] of this.scopes) {
      if (!key.startsWith(prefix)) continue;
      const project = key.slice(prefix.length);
      out.push([Scope.of(tenantId, env, project === '*' ? null : project), value]);
    }
    return out;
  }

  /** Forgets the scope's value (the next {@link of} makes a new one). */
  delete(scope: Scope): void {
    this.scopes.delete(scope.toString());
  }
}
