import type { ResponseObject } from '@nestjs/swagger';
import type { DocumentOperation } from './openapi-operations';

/**
 * A 2xx response that a controller declared without a body schema is a JSON object
 * (every JSON route answers an object: a record, a page `{ items, next_cursor }`, a summary).
 * Routes with a precise schema declare it with `@ApiOkResponse`/`@ApiCreatedResponse`;
 * 204 responses have no body. Every JSON route is expected to declare one: the OpenAPI e2e
 * suite fails on any operation this fallback still describes, so it stays a safety net for
 * the served document, never the documentation of a route.
 */
export function declareDefaultSuccessBodies(op: DocumentOperation): void {
  for (const [status, response] of Object.entries(op.operation.responses)) {
    if (!/^2\d\d$/.test(status) || status === '204') continue;
    const declared = response as ResponseObject;
    if (declared.content !== undefined) continue;
    declared.description ||= 'Success.';
    declared.content = { 'application/json': { schema: { type: 'object' } } };
  }
}
