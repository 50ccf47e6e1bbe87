import { DomainError } from '../../common/errors/domain.error';

/** `404 chat_bus.not_found`: no such thread in the caller's scope. */
export class ChatThreadNotFoundError extends DomainError {
  constructor(id: string) {
    super(
      'chat_bus.not_found',
      'not_found',
      `Thread "${id}" was not found in this scope. Check the id and the X-Tenant-Id, X-Env and X-Project-Id headers.`,
      { id },
    );
  }
}

/** `400 chat_bus.invalid_last_event_id`: Last-Event-ID is not a message id this API sent. */
export class ChatInvalidLastEventIdError extends DomainError {
  constructor(value: string) {
    super(
      'chat_bus.invalid_last_event_id',
      'invalid',
      `Last-Event-ID "${value.slice(0, 64)}" is not a message id (<milliseconds>-<sequence>). Send the id of the last event received, or omit it to receive only new messages.`,
      { last_event_id: value.slice(0, 64) },
    );
  }
}
