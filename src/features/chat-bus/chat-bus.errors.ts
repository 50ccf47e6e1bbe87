import { DomainError, NotFoundError } from '../../common/errors/domain.error';
import { CHAT_BUS_KIND } from './chat-bus.types';

/** `404 chat_bus.not_found`: no such thread in the caller's scope. */
export class ChatThreadNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(CHAT_BUS_KIND, 'Thread', id, {
      hint: 'Check the id and the X-Tenant-Id, X-Env and X-Project-Id headers.',
    });
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

/** `503 chat_bus.too_many_subscribers` (with `Retry-After`): this instance serves its maximum of live feeds. */
export class ChatTooManySubscribersError extends DomainError {
  constructor(max: number, retryAfterSeconds: number) {
    super(
      'chat_bus.too_many_subscribers',
      'unavailable',
      `This instance already serves its maximum of ${max} live chat feeds (CHAT_MAX_SUBSCRIBERS). Retry after ${retryAfterSeconds} s (with Last-Event-ID to miss nothing), or read new messages with GET /chat/threads/{id}/messages?after=<last id>; operators: add instances or raise CHAT_MAX_SUBSCRIBERS.`,
      { max_subscribers: max },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}
