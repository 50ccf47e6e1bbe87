/**
 * How a domain error maps onto HTTP. Domain code states the category; the one exception
 * filter decides the status, so services never import HTTP concerns.
 */
export type ErrorCategory =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'unprocessable'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

/**
 * A failure a client can act on. `code` is a stable namespaced string
 * (`feature_flags.version_conflict`); `details` must be safe to show to the caller.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly category: ErrorCategory,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** Extra response headers, e.g. `Retry-After` for rate limiting. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Fields named in one `validation.failed`: a body with 20,000 unknown keys must not echo them all. */
export const MAX_LISTED_FIELDS = 50;

/**
 * `400 validation.failed`, listing every field problem up to {@link MAX_LISTED_FIELDS}
 * (`details.omitted_fields` counts the rest).
 */
export class ValidationFailedError extends DomainError {
  constructor(all: { field: string; problems: string[] }[]) {
    const fields = all.slice(0, MAX_LISTED_FIELDS);
    const omitted = all.length - fields.length;
    const summary = fields.map((f) => `${f.field}: ${f.problems.join('; ')}`).join(' | ');
    const more = omitted > 0 ? ` | and ${omitted} more fields` : '';
    super(
      'validation.failed',
      'invalid',
      `Request is invalid: ${summary}${more}`,
      omitted > 0 ? { fields, omitted_fields: omitted } : { fields },
    );
  }
}

/** What a {@link NotFoundError} says beyond "`what` `id` was not found in this scope". */
export interface NotFoundOptions {
  /** The code's last part where a kind tells several missing things apart (`policy_not_found`). */
  code?: string;
  /** A sentence appended to the message: how the caller finds or creates the record. */
  hint?: string;
  /** `details` of the error, instead of `{ id }`, when the record is named by several fields. */
  details?: Record<string, unknown>;
}

/**
 * `404 <kind>.not_found` (or `<kind>.<options.code>`) for a record that is missing or
 * belongs to another scope.
 */
export class NotFoundError extends DomainError {
  constructor(namespace: string, what: string, id: string, options: NotFoundOptions = {}) {
    const hint = options.hint === undefined ? '' : ` ${options.hint}`;
    super(
      `${namespace}.${options.code ?? 'not_found'}`,
      'not_found',
      `${what} "${id}" was not found in this scope.${hint}`,
      options.details ?? { id },
    );
  }
}

/** `409 <kind>.version_conflict` when `If-Match` names a version that is no longer current. */
export class VersionConflictError extends DomainError {
  constructor(namespace: string, expected: number, actual: number | null) {
    super(
      `${namespace}.version_conflict`,
      'conflict',
      `Version conflict: If-Match was "${expected}" but the current version is ` +
        `${actual === null ? 'none (the record does not exist)' : `"${actual}"`}. ` +
        'Read the record again and retry with its current version.',
      { expected_version: expected, current_version: actual },
    );
  }
}

/**
 * The {@link NotFoundError} of one kind's records named by one id, as a base class:
 * `class XNotFoundError extends notFoundOf(X_KIND, 'X') {}` is thrown as `new XNotFoundError(id)`.
 */
export function notFoundOf(namespace: string, what: string): new (id: string) => NotFoundError {
  return class extends NotFoundError {
    constructor(id: string) {
      super(namespace, what, id);
    }
  };
}

/**
 * The {@link VersionConflictError} of one kind, as a base class:
 * `class XVersionConflictError extends versionConflictOf(X_KIND) {}` is thrown as
 * `new XVersionConflictError(expected, actual)`.
 */
export function versionConflictOf(
  namespace: string,
): new (expected: number, actual: number | null) => VersionConflictError {
  return class extends VersionConflictError {
    constructor(expected: number, actual: number | null) {
      super(namespace, expected, actual);
    }
  };
}
