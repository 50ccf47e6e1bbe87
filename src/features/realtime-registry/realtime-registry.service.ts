import { Injectable } from '@nestjs/common';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { RealtimeRegistrationRepository } from './realtime-registration.repository';
import type { RealtimeIdType, RealtimeRegistration } from './realtime-registration.types';
import { RealtimeNotFoundError } from './realtime-registry.errors';

/**
 * Who owns which thread and canvas id. Other kinds (chat_bus) call this service, always in
 * the current request's scope, to claim ids and to verify access before touching their data.
 */
@Injectable()
export class RealtimeRegistryService {
  constructor(
    private readonly registrations: RealtimeRegistrationRepository,
    private readonly context: RequestContext,
  ) {}

  /** Registers `id` (or a generated one) for the current scope; `409 realtime.id_taken` when owned anywhere. */
  register(type: RealtimeIdType, id?: string): Promise<RealtimeRegistration> {
    return this.registrations.register(this.context.scope, {
      type,
      id: id ?? newSortableId(),
      actor: this.context.principal.subject,
    });
  }

  /** The registration when the current scope owns it; `404 realtime.not_found` otherwise. */
  async get(type: RealtimeIdType, id: string): Promise<RealtimeRegistration> {
    const found = await this.registrations.get(this.context.scope, type, id);
    if (found === null) throw new RealtimeNotFoundError(type, id);
    return found;
  }

  /** Claims a thread id for the current scope (chat_bus calls this when it creates a thread). */
  registerThread(id: string): Promise<RealtimeRegistration> {
    return this.register('thread', id);
  }

  /** True when the current scope owns this thread id. */
  async ownsThread(id: string): Promise<boolean> {
    return (await this.registrations.get(this.context.scope, 'thread', id)) !== null;
  }

  /** Passes when the current scope owns this thread id; `404 realtime.not_found` otherwise. */
  async assertOwnsThread(id: string): Promise<void> {
    await this.get('thread', id);
  }
}
