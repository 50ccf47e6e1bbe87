import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import { Scope, type Env } from '../../../common/scope/scope';
import { RealtimeRegistryRepository } from '../realtime-registry.repository';
import { realtimeOfRecord, realtimeRecord } from '../realtime-registry-scope-data';
import type { RealtimeIdType, RealtimeRegistration } from '../realtime-registry.types';
import { RealtimeIdTakenError } from '../realtime-registry.errors';
import { isOwnedBy, registrationOf, type RealtimeClaim } from './realtime-registry-records';

/**
 * Dev/test adapter: one map for every scope routed to it (ids are a global space), keyed by
 * type and id. Check-and-set runs synchronously, so concurrent claims have one winner.
 * Forgets everything at restart.
 */
export class InMemoryRealtimeRegistryRepository
  extends RealtimeRegistryRepository
  implements ScopeData
{
  private readonly owners = new Map<string, RealtimeRegistration>();

  register(scope: Scope, input: RealtimeClaim): Promise<RealtimeRegistration> {
    const key = keyOf(input.type, input.id);
    if (this.owners.has(key)) return Promise.reject(new RealtimeIdTakenError(input.type, input.id));
    const registration = registrationOf(scope, input);
    this.owners.set(key, registration);
    return Promise.resolve({ ...registration });
  }

  get(scope: Scope, type: RealtimeIdType, id: string): Promise<RealtimeRegistration | null> {
    const found = this.owners.get(keyOf(type, id));
    return Promise.resolve(isOwnedBy(scope, found) ? { ...found } : null);
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return yieldAll(this.ownedBy(scope).map(([, r]) => realtimeRecord({ ...r })));
  }

  /**
   * Stores the registrations as they are. An id another scope holds here is refused with
   * `RealtimeIdTakenError` and nothing of the batch is stored: a move never takes an id over.
   */
  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const imported = records.map((r) => realtimeOfRecord(scope, r));
    for (const r of imported) {
      const held = this.owners.get(keyOf(r.type, r.id));
      if (held !== undefined && !isOwnedBy(scope, held))
        return Promise.reject(new RealtimeIdTakenError(r.type, r.id));
    }
    for (const r of imported) this.owners.set(keyOf(r.type, r.id), { ...r });
    return Promise.resolve();
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    const projects = new Set<string | null>();
    for (const r of this.owners.values())
      if (r.tenant_id === tenantId && r.env === env) projects.add(r.project_id);
    return Promise.resolve([...projects].map((p) => Scope.of(tenantId, env, p)));
  }

  deleteScope(scope: Scope): Promise<void> {
    for (const [key] of this.ownedBy(scope)) this.owners.delete(key);
    return Promise.resolve();
  }

  private ownedBy(scope: Scope): [string, RealtimeRegistration][] {
    return [...this.owners].filter(([, r]) => isOwnedBy(scope, r));
  }
}

function keyOf(type: RealtimeIdType, id: string): string {
  return `${type}:${id}`;
}
