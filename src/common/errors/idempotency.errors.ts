import { DomainError } from './domain.error';

/** Longest `Idempotency-Key` accepted; keys are opaque to the server. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/** `400 idempotency.invalid_key`: the header is empty, too long or not printable ASCII. */
export class IdempotencyKeyInvalidError extends DomainError {
  constructor() {
    super(
      'idempotency.invalid_key',
      'invalid',
      `Idempotency-Key must be 1..${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters ` +
        '(a UUID is a good choice). Send a valid key, or none.',
    );
  }
}

/**
 * `422 idempotency.key_reused`: the key was first used for a different request (another body,
 * method or path). Use a new key for a new request.
 */
export class IdempotencyKeyReusedError extends DomainError {
  constructor(key: string) {
    super(
      'idempotency.key_reused',
      'unprocessable',
      `Idempotency-Key "${key}" was already used for a different request (other method, path or ` +
        'body). Use a new key for a new request; reuse a key only to retry the same request.',
      { idempotency_key: key },
    );
  }
}

/**
 * `409 idempotency.in_progress`: the first request with this key has not finished yet. Retrying
 * later with the same key is safe: it answers that request's outcome.
 */
export class IdempotencyInProgressError extends DomainError {
  constructor(key: string, retryAfterSeconds: number) {
    super(
      'idempotency.in_progress',
      'conflict',
      `A request with Idempotency-Key "${key}" is still being processed. Retry with the same key ` +
        `after ${retryAfterSeconds} s: it is safe and answers the first request's outcome.`,
      { idempotency_key: key },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

/**
 * The `Idempotency-Key` header value, undefined when absent; throws when malformed. The draft
 * writes the key as a structured-field string (`"8e03…"`): the quoted and the bare form of a
 * key are the same key.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) throw new IdempotencyKeyInvalidError();
  const quoted = /^"([^"\\]*)"$/.exec(header);
  const key = quoted?.[1] ?? header;
  if (!KEY_FORMAT.test(key)) throw new IdempotencyKeyInvalidError();
  return key;
}

/**
 * `503 idempotency.store_unavailable`: the keys could not be checked, so the request was not
 * executed. Retrying with the same key is safe.
 */
export class IdempotencyStoreUnavailableError extends DomainError {
  constructor(key: string, reason: string) {
    super(
      'idempotency.store_unavailable',
      'unavailable',
      `The Idempotency-Key store is unavailable (${reason}), so the request was not executed. ` +
        'Retrying with the same Idempotency-Key is safe; operators: check the registry store.',
      { idempotency_key: key, retry_safe: true },
    );
  }
}
