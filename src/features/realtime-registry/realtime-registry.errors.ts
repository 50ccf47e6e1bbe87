import { DomainError, NotFoundError } from '../../common/errors/domain.error';
import { REALTIME_REGISTRY_KIND, type RealtimeIdType } from './realtime-registry.types';

/** `409 realtime_registry.id_taken`: the id is already registered (by this or another scope). */
export class RealtimeIdTakenError extends DomainError {
  constructor(type: RealtimeIdType, id: string) {
    super(
      'realtime_registry.id_taken',
      'conflict',
      `The ${type} id "${id}" is already registered. Choose another id, or omit id to let the server generate one.`,
      { type, id },
    );
  }
}

/** `404 realtime_registry.not_found`: no registration of this id in the caller's scope (missing or owned elsewhere). */
export class RealtimeNotFoundError extends NotFoundError {
  constructor(type: RealtimeIdType, id: string) {
    super(REALTIME_REGISTRY_KIND, `Registered ${type}`, id, {
      hint: 'Check the id and the X-Tenant-Id, X-Env and X-Project-Id headers.',
      details: { type, id },
    });
  }
}
