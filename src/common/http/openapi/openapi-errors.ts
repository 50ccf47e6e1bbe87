import type { OpenAPIObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import type { OperationAccess } from './openapi-access';
import type { DocumentOperation } from './openapi-operations';

/** Component name of the error envelope every non-2xx response carries. */
export const ERROR_ENVELOPE_SCHEMA = 'ErrorEnvelope';

const ERROR_ENVELOPE: SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details', 'request_id'],
      properties: {
        code: { type: 'string', description: 'Stable namespaced code, e.g. auth.missing_token.' },
        message: { type: 'string', description: 'What is wrong and how to fix it.' },
        details: { type: 'object', additionalProperties: true },
        request_id: { type: 'string', description: 'Also in the X-Request-Id header.' },
      },
    },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: body, query, path, scope headers or If-Match (validation.*, context.*).',
  401: 'Missing, malformed or expired bearer token (auth.*).',
  403: 'The token does not grant this tenant, project or role (auth.*).',
  404: 'No such record in this scope.',
  409: 'Conflict: stale If-Match version, or the record already exists or changed state.',
  413: 'The body or the declared size is larger than this endpoint accepts.',
  415: 'The body is not sent in a media type this endpoint reads.',
  422: 'Well-formed but refused: the request cannot be answered as asked.',
  429: 'Rate limited; Retry-After says when to come back.',
  503: 'The registry or the routed backend is unavailable; retry later.',
};

/**
 * The error statuses an operation can answer: a general set (the guard's 400/401/403, the
 * domain's 404/409/422/429, the backend's 503) plus 413/415 where a body is read, rather
 * than one hand-kept list per route.
 */
export function errorStatusesOf(op: DocumentOperation, access: OperationAccess): number[] {
  if (access === 'public') return [503];
  const hasBody = op.operation.requestBody !== undefined;
  const statuses = new Set([400, 401, 403, 404, 409, 422, 429, 503]);
  if (hasBody) [413, 415].forEach((s) => statuses.add(s));
  return [...statuses].sort((a, b) => a - b);
}

/** Adds the envelope component and the given error responses to one operation. */
export function declareErrorResponses(
  document: OpenAPIObject,
  op: DocumentOperation,
  statuses: number[],
): void {
  const schemas = ((document.components ??= {}).schemas ??= {});
  schemas[ERROR_ENVELOPE_SCHEMA] ??= ERROR_ENVELOPE;
  for (const status of statuses) {
    const key = String(status);
    if (op.operation.responses[key] !== undefined) continue;
    op.operation.responses[key] = {
      description: DESCRIPTIONS[status] ?? 'Error.',
      content: {
        'application/json': { schema: { $ref: `#/components/schemas/${ERROR_ENVELOPE_SCHEMA}` } },
      },
    } satisfies ResponseObject;
  }
}
