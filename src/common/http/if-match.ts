import { DomainError } from '../errors/domain.error';

/**
 * Reads `If-Match: "3"` (or `3`, `W/"3"`) into a version number; undefined when absent.
 * Anything else is `400 validation.invalid_if_match`.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (match === null) {
    throw new DomainError(
      'validation.invalid_if_match',
      'invalid',
      `If-Match must be a version number such as "3"; got ${JSON.stringify(header)}.`,
      { if_match: header },
    );
  }
  return Number(match[1]);
}
