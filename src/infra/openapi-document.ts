import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { addIdempotencyKeyHeader } from './idempotency/idempotency-openapi';
import { operationAccessById, type OperationAccess } from '../common/http/openapi/openapi-access';
import { declareErrorResponses, errorStatusesOf } from '../common/http/openapi/openapi-errors';
import {
  addHeaderToOperations,
  addMissingPathParameters,
  operationsOf,
  type DocumentOperation,
} from '../common/http/openapi/openapi-operations';
import { declareDefaultSuccessBodies } from '../common/http/openapi/openapi-success';

/** Name of the bearer security scheme (`addBearerAuth()`'s default). */
const BEARER = 'bearer';

/**
 * The OpenAPI document of the app: what `@nestjs/swagger` reads from the decorators, then
 * completed centrally from the same access metadata the request guard reads, so that scope
 * headers, security and error responses are declared on exactly the routes that need them.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Routing registry')
      .setDescription('Routes every feature to its durable backend per (tenant, env, project).')
      .addBearerAuth()
      .build(),
  );
  const accessById = operationAccessById(app);
  const access = (op: DocumentOperation): OperationAccess =>
    accessById.get(op.operation.operationId ?? '') ?? 'scoped';
  addMissingPathParameters(document);
  addScopeHeaders(document, (op) => access(op) === 'scoped');
  for (const op of operationsOf(document)) {
    if (access(op) !== 'public') op.operation.security = [{ [BEARER]: [] }];
    declareDefaultSuccessBodies(op);
    declareErrorResponses(document, op, errorStatusesOf(op, access(op)));
  }
  return addIdempotencyKeyHeader(document);
}

/** The scope headers `readRequestScope` requires, on every scoped operation. */
function addScopeHeaders(
  document: OpenAPIObject,
  scoped: (op: DocumentOperation) => boolean,
): void {
  const headers = [
    { name: 'X-Tenant-Id', example: 't_acme', description: 'Tenant of the request.' },
    { name: 'X-Env', example: 'dev', description: "Must equal the deployment's env." },
    { name: 'X-Project-Id', example: 'p_web', description: 'Project within the tenant.' },
  ];
  for (const { name, example, description } of headers) {
    addHeaderToOperations(
      document,
      { name, in: 'header', required: true, description, schema: { type: 'string', example } },
      scoped,
    );
  }
}

/** Builds the document and serves it at `/docs` (UI) and `/docs-json`. */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app));
}
