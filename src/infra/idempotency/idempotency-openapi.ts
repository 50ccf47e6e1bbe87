import type { OpenAPIObject } from '@nestjs/swagger';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../common/errors/idempotency.errors';

/** Paths whose POSTs do not honour the header (the registry admin API has its own rules). */
const EXCLUDED_PREFIX = '/routing';

const HEADER = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  description:
    'Makes this POST safe to retry: the same key with the same request replays the first ' +
    'outcome (same ids, header Idempotent-Replayed: true); with another request it is ' +
    '422 idempotency.key_reused; while the first is still running, 409 idempotency.in_progress ' +
    'with Retry-After. Keys are kept per tenant for 24 h. A UUID is a good key.',
  schema: { type: 'string' as const, minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH },
};

/**
 * Declares the optional `Idempotency-Key` header on every feature POST of the document, in
 * one place rather than on each controller (the interceptor applies to all of them).
 */
export function addIdempotencyKeyHeader(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    const post = item.post;
    if (post === undefined || path.startsWith(EXCLUDED_PREFIX)) continue;
    const parameters = post.parameters ?? [];
    const declared = parameters.some((p) => 'name' in p && p.name === HEADER.name);
    if (!declared) post.parameters = [...parameters, { ...HEADER }];
  }
  return document;
}
