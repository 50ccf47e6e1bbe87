import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { parseIfMatch } from './if-match';

/** The one OpenAPI declaration of `If-Match`, on every operation that reads it. */
const IF_MATCH_HEADER = {
  name: 'If-Match',
  required: false,
  description:
    'Current version, e.g. "3" (the ETag of the last read); a stale one is ' +
    '409 <kind>.version_conflict. Without it the write applies to whatever version is current.',
};

/**
 * Declares the header on the operation whose parameter reads it, so that the document
 * cannot list If-Match where it is ignored nor miss it where it is honoured.
 */
const documentIfMatch: ParameterDecorator = (target, key) => {
  if (key === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor !== undefined) ApiHeader(IF_MATCH_HEADER)(target, key, descriptor);
};

/**
 * The `If-Match` version of the request (see {@link parseIfMatch}): a number, undefined
 * when absent, `400 validation.invalid_if_match` when malformed. Documents the header in
 * OpenAPI on the operation it decorates a parameter of.
 */
export const IfMatch = createParamDecorator(
  (_data: unknown, context: ExecutionContext): number | undefined =>
    parseIfMatch(context.switchToHttp().getRequest<Request>().headers['if-match']),
  [documentIfMatch],
);
