import type { Scope } from '../../common/scope/scope';
import type { RealtimeIdType, RealtimeRegistration } from './realtime-registry.types';

/**
 * Port: the owner of every thread and canvas id. Ids are unique across ALL scopes that
 * share a backend (one global id space per type), so an id can never be owned twice.
 */
export abstract class RealtimeRegistryRepository {
  /**
   * Registers `id` of `type` as owned by `scope` (create-if-absent, never overwrite).
   * Throws `RealtimeIdTakenError` (`realtime_registry.id_taken`) when the id is already registered,
   * by any scope, including `scope` itself. Of concurrent registrations of one id exactly
   * one succeeds.
   */
  abstract register(
    scope: Scope,
    input: { type: RealtimeIdType; id: string; actor: string },
  ): Promise<RealtimeRegistration>;

  /** The registration of `id` when `scope` owns it; null when it is unknown or owned by another scope. */
  abstract get(
    scope: Scope,
    type: RealtimeIdType,
    id: string,
  ): Promise<RealtimeRegistration | null>;
}
