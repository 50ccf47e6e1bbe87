import type { OpenAPIObject, ParameterObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { spawnSync } from 'node:child_process';
import { createTestApp, type TestApp } from '../utils/create-test-app';
import { OpenApiResponseChecker } from '../utils/openapi-response-checker';

type Op = { method: string; path: string; op: Record<string, unknown> };

/** Runs @seriousme/openapi-schema-validator (ESM only) in its own node process on stdin. */
const VALIDATE = `
import { Validator } from '@seriousme/openapi-schema-validator';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const validator = new Validator();
const result = await validator.validate(JSON.parse(Buffer.concat(chunks).toString('utf8')));
process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? [] }));
`;

const SCOPE_HEADERS = ['X-Tenant-Id', 'X-Env', 'X-Project-Id'];
const PUBLIC_PATHS = ['/health/live', '/health/ready', '/metrics'];
const UNSCOPED_PREFIX = '/routing/';

function operations(doc: OpenAPIObject): Op[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Record<string, unknown>>).map(([method, op]) => ({
      method,
      path,
      op,
    })),
  );
}
const params = (o: Op) => (o.op.parameters ?? []) as ParameterObject[];
const responses = (o: Op) => o.op.responses as Record<string, ResponseObject>;
const name = (o: Op) => `${o.method.toUpperCase()} ${o.path}`;

/**
 * The central fallback for a 2xx declared without a body (`{ type: 'object' }`), or any
 * schema that says no more than it: no $ref, properties, items, composition or enum.
 */
function isGenericObject(schema: SchemaObject | undefined): boolean {
  if (schema === undefined) return true;
  const precise = ['$ref', 'properties', 'items', 'oneOf', 'anyOf', 'allOf', 'enum'];
  const additional = schema.additionalProperties;
  return (
    !precise.some((k) => k in schema) &&
    (additional === undefined || additional === true || JSON.stringify(additional) === '{}')
  );
}

describe('the OpenAPI document at /docs-json', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  let ops: Op[];

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http.get('/docs-json').expect(200)).body as OpenAPIObject;
    ops = operations(doc);
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI document according to @seriousme/openapi-schema-validator', () => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', VALIDATE], {
      input: JSON.stringify(doc),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { valid: boolean; version: string; errors: unknown };
    expect(result).toEqual({ valid: true, version: '3.0', errors: [] });
    console.log(`OpenAPI ${result.version}: ${ops.length} operations, valid`);
  });

  it('declares the three scope headers, required, on every scoped operation', () => {
    const scoped = ops.filter(
      (o) => !PUBLIC_PATHS.includes(o.path) && !o.path.startsWith(UNSCOPED_PREFIX),
    );
    expect(scoped.length).toBeGreaterThan(100);
    const lacking = scoped
      .filter((o) =>
        SCOPE_HEADERS.some(
          (h) => !params(o).some((p) => p.in === 'header' && p.name === h && p.required === true),
        ),
      )
      .map(name);
    expect(lacking).toEqual([]);
    const unscoped = ops.filter(
      (o) => o.path.startsWith(UNSCOPED_PREFIX) || PUBLIC_PATHS.includes(o.path),
    );
    expect(
      unscoped.filter((o) => params(o).some((p) => p.name === 'X-Tenant-Id')).map(name),
    ).toEqual([]);
  });

  it('puts the bearer requirement on every operation but health and metrics', () => {
    const wrong = ops
      .filter((o) => {
        const bearer = JSON.stringify(o.op.security ?? []) === JSON.stringify([{ bearer: [] }]);
        return PUBLIC_PATHS.includes(o.path) ? o.op.security !== undefined : !bearer;
      })
      .map(name);
    expect(wrong).toEqual([]);
  });

  it('declares every path parameter of every operation', () => {
    const missing = ops.flatMap((o) =>
      [...o.path.matchAll(/\{([^}]+)\}/g)]
        .map((m) => m[1])
        .filter((p) => !params(o).some((q) => q.in === 'path' && q.name === p && q.required))
        .map((p) => `${name(o)} {${p}}`),
    );
    expect(missing).toEqual([]);
  });

  it('documents a success body (except 204) and envelope error responses on every operation', () => {
    const problems: string[] = [];
    for (const o of ops) {
      const entries = Object.entries(responses(o));
      const success = entries.filter(([s]) => s.startsWith('2'));
      if (success.length === 0) problems.push(`${name(o)}: no success status`);
      for (const [status, r] of success)
        if (status !== '204' && Object.keys(r.content ?? {}).length === 0)
          problems.push(`${name(o)}: ${status} without a body`);
      const errors = entries.filter(([s]) => /^[45]/.test(s));
      if (errors.length === 0) problems.push(`${name(o)}: no error response`);
      for (const [status, r] of errors)
        if (
          r.content?.['application/json']?.schema?.['$ref' as never] !==
          '#/components/schemas/ErrorEnvelope'
        )
          problems.push(`${name(o)}: ${status} is not the error envelope`);
    }
    expect(problems).toEqual([]);
    const envelope = doc.components?.schemas?.ErrorEnvelope as SchemaObject;
    expect(Object.keys(envelope.properties?.error?.['properties' as never] ?? {})).toEqual([
      'code',
      'message',
      'details',
      'request_id',
    ]);
  });

  it('declares a precise 2xx body schema on every operation, never the generic object fallback', () => {
    const generic: string[] = [];
    for (const o of ops) {
      for (const [status, r] of Object.entries(responses(o))) {
        if (!status.startsWith('2')) continue;
        for (const [media, content] of Object.entries(r.content ?? {})) {
          // Streams and binary bodies declare their own content types; the fallback is JSON.
          if (!media.endsWith('json')) continue;
          if (isGenericObject(content.schema as SchemaObject | undefined))
            generic.push(`${name(o)}: ${status} ${media}`);
        }
      }
    }
    expect(generic).toEqual([]);
  });

  it('types nullable strings as string + nullable, never as object', () => {
    const wrong: string[] = [];
    for (const [schemaName, schema] of Object.entries(doc.components?.schemas ?? {})) {
      for (const [prop, s] of Object.entries((schema as SchemaObject).properties ?? {})) {
        const p = s as SchemaObject;
        if (p.nullable && p.type === 'object' && p.additionalProperties === undefined)
          wrong.push(`${schemaName}.${prop}`);
      }
    }
    expect(wrong).toEqual([]);
    const seo = doc.components?.schemas?.PutSeoConfigDto as SchemaObject;
    expect(seo.properties?.title).toMatchObject({ type: 'string', nullable: true });
  });
});

describe('the response checker every e2e suite runs', () => {
  const doc = {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/things/{id}': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['id'],
                    properties: {
                      id: { type: 'string' },
                      note: { type: 'string', nullable: true },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  } as unknown as OpenAPIObject;
  const checker = new OpenApiResponseChecker(doc);
  const seen = (status: number, body: unknown, contentType = 'application/json; charset=utf-8') =>
    checker.check({
      method: 'GET',
      url: '/things/a?x=1',
      status,
      contentType,
      body: JSON.stringify(body),
    });

  it('accepts a declared status with a valid body (nullable string null)', () => {
    expect(seen(200, { id: 'a', note: null })).toBeNull();
  });

  it('reports an undeclared status, an invalid body and an undeclared content type', () => {
    expect(seen(404, { error: {} })).toMatch(/status not declared/);
    expect(seen(200, { id: 3 })).toMatch(/does not match the schema/);
    expect(seen(200, 'x', 'text/plain')).toMatch(/content type "text\/plain" not declared/);
  });
});
