import type { Scope } from '../../../common/scope/scope';
import { RealtimeRegistryRepository } from '../realtime-registry.repository';
import type { RealtimeIdType, RealtimeRegistration } from '../realtime-registry.types';
import { RealtimeIdTakenError } from '../realtime-registry.errors';
import { isOwnedBy, registrationOf, type RealtimeClaim } from './realtime-registry-records';

/**
 * Dev/test adapter: one map for every scope routed to it (ids are a global space), keyed by
 * type and id. Check-and-set runs synchronously, so concurrent claims have one winner.
 * Forgets everything at restart.
 */
export class InMemoryRealtimeRegistryRepository extends RealtimeRegistryRepository {
  private readonly owners = new Map<string, RealtimeRegistration>();

  register(scope: Scope, input: RealtimeClaim): Promise<RealtimeRegistration> {
    const key = `${input.type}:${input.id}`;
    if (this.owners.has(key)) return Promise.reject(new RealtimeIdTakenError(input.type, input.id));
    const registration = registrationOf(scope, input);
    this.owners.set(key, registration);
    return Promise.resolve({ ...registration });
  }

  get(scope: Scope, type: RealtimeIdType, id: string): Promise<RealtimeRegistration | null> {
    const found = this.owners.get(`${type}:${id}`);
    return Promise.resolve(isOwnedBy(scope, found) ? { ...found } : null);
  }
}
