import type { Scope } from '../../common/scope/scope';
import type { RealtimeIdType, RealtimeRegistration } from './realtime-registry.types';

/**
 * Entries kept per instance. A registration is a few hundred bytes, so the cache stays
 * under about 10 MB; the least recently used entry is dropped first.
 */
export const OWNERSHIP_CACHE_SIZE = 20_000;

/**
 * Positive ownership answers of realtime_registry, kept in process (bounded LRU).
 *
 * Why caching is safe: a claim is create-if-absent and never overwritten or deleted, so
 * once a scope owns an id it owns it for good. Only "owned" answers are kept: an id that is
 * unknown now may be claimed a moment later, so "not owned" is always asked again.
 * The key holds the type, the whole scope (tenant, env, project) and the id, so one scope's
 * entry never answers for another; the data a cached answer unlocks (a chat thread's
 * messages) is itself stored under that same scope.
 *
 * Why it exists: chat checks ownership on every request; with the cache, chat on a healthy
 * Redis keeps serving known threads while realtime_registry's backend is down.
 */
export class RealtimeRegistryOwnershipCache {
  private readonly entries = new Map<string, RealtimeRegistration>();

  constructor(private readonly capacity = OWNERSHIP_CACHE_SIZE) {}

  /** The cached registration of `id` owned by `scope`, or undefined (ask the repository). */
  get(scope: Scope, type: RealtimeIdType, id: string): RealtimeRegistration | undefined {
    const key = cacheKey(scope, type, id);
    const found = this.entries.get(key);
    if (found === undefined) return undefined;
    // Map keeps insertion order: re-inserting marks the entry as most recently used.
    this.entries.delete(key);
    this.entries.set(key, found);
    return { ...found };
  }

  /** Remembers that `scope` owns the registration's id. */
  remember(scope: Scope, registration: RealtimeRegistration): void {
    const key = cacheKey(scope, registration.type, registration.id);
    this.entries.delete(key);
    this.entries.set(key, { ...registration });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

function cacheKey(scope: Scope, type: RealtimeIdType, id: string): string {
  return `${type}|${scope.toString()}|${id}`;
}
