import { Injectable } from '@nestjs/common';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { RealtimeRegistryRepository } from './realtime-registry.repository';
import type { RealtimeIdType, RealtimeRegistration } from './realtime-registry.types';
import { RealtimeNotFoundError } from './realtime-registry.errors';
import { RealtimeRegistryOwnershipCache } from './realtime-registry-ownership.cache';

/**
 * Who owns which thread and canvas id. Other kinds (chat_bus) call this service, always in
 * the current request's scope, to claim ids and to verify access before touching their data.
 * Ownership found once is answered from {@link RealtimeRegistryOwnershipCache} afterwards (a claim
 * never changes), so known ids stay usable while the registration backend is down.
 */
@Injectable()
export class RealtimeRegistryService {
  constructor(
    private readonly registrations: RealtimeRegistryRepository,
    private readonly context: RequestContext,
    private readonly owners: RealtimeRegistryOwnershipCache,
  ) {}

  /** Registers `id` (or a generated one) for the current scope; `409 realtime_registry.id_taken` when owned anywhere. */
  async register(type: RealtimeIdType, id?: string): Promise<RealtimeRegistration> {
    const scope = this.context.scope;
    const registration = await this.registrations.register(scope, {
      type,
      id: id ?? newSortableId(),
      actor: this.context.principal.subject,
    });
    this.owners.remember(scope, registration);
    return registration;
  }

  /** The registration when the current scope owns it; `404 realtime_registry.not_found` otherwise. */
  async get(type: RealtimeIdType, id: string): Promise<RealtimeRegistration> {
    const found = await this.owned(type, id);
    if (found === null) throw new RealtimeNotFoundError(type, id);
    return found;
  }

  /** Claims a thread id for the current scope (chat_bus calls this when it creates a thread). */
  registerThread(id: string): Promise<RealtimeRegistration> {
    return this.register('thread', id);
  }

  /** True when the current scope owns this thread id. */
  async ownsThread(id: string): Promise<boolean> {
    return (await this.owned('thread', id)) !== null;
  }

  /** Passes when the current scope owns this thread id; `404 realtime_registry.not_found` otherwise. */
  async assertOwnsThread(id: string): Promise<void> {
    await this.get('thread', id);
  }

  /** From the cache when known; otherwise from the backend (a positive answer is then cached). */
  private async owned(type: RealtimeIdType, id: string): Promise<RealtimeRegistration | null> {
    const scope = this.context.scope;
    const cached = this.owners.get(scope, type, id);
    if (cached !== undefined) return cached;
    const found = await this.registrations.get(scope, type, id);
    if (found !== null) this.owners.remember(scope, found);
    return found;
  }
}
