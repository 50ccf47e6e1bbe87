import type { Scope } from '../../common/scope/scope';

/**
 * The scopes of several lists, each once: the scopes an in-memory adapter holds records in
 * when it keeps several stores (one per collection, running totals beside records).
 */
export function uniqueScopes(...lists: readonly (readonly Scope[])[]): Scope[] {
  const held = new Map<string, Scope>();
  for (const scope of lists.flat()) held.set(scope.toString(), scope);
  return [...held.values()];
}
