import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  operation: OperationObject;
}

/** What one response looked like on the wire. */
export interface ObservedResponse {
  method: string;
  url: string;
  status: number;
  contentType: string | undefined;
  /** The JSON body text, or undefined when not buffered (streams, binary, HEAD). */
  body: string | undefined;
}

/**
 * Checks real responses against the app's own OpenAPI document: the status must be declared
 * for the operation, the content type must be one it declares, and a JSON body must be valid
 * against the declared schema. Schemas are compiled once per (operation, status, type).
 */
export class OpenApiResponseChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly operations: Operation[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: rebase(document.components ?? {}) });
    this.operations = Object.entries(document.paths).flatMap(([template, item]) =>
      Object.entries(item as Record<string, OperationObject>).map(([method, operation]) => ({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
        operation,
      })),
    );
  }

  /** A problem with the response, or null when it matches the document (or no operation). */
  check(observed: ObservedResponse): string | null {
    const path = observed.url.split('?')[0] ?? '';
    const op = this.operations.find((o) => o.method === observed.method && o.pattern.test(path));
    if (!op) return null;
    const where = `${observed.method} ${path} (${op.template}) → ${observed.status}`;
    const response = op.operation.responses[String(observed.status)] as ResponseObject | undefined;
    if (!response) return `${where}: status not declared`;
    const content = response.content ?? {};
    if (observed.status === 204 || observed.contentType === undefined) return null;
    const type = (observed.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const declared = Object.keys(content).find((t) => mediaMatches(t, type));
    if (!declared) return `${where}: content type "${type}" not declared`;
    if (observed.body === undefined || observed.body === '' || !type.endsWith('json')) return null;
    const validate = this.validator(`${op.method} ${op.template} ${observed.status}`, declared, op);
    if (!validate) return `${where}: no schema declared for ${declared}`;
    if (validate(JSON.parse(observed.body) as unknown)) return null;
    return `${where}: body does not match the schema: ${this.ajv.errorsText(validate.errors)} — body ${observed.body.slice(0, 300)}`;
  }

  private validator(key: string, media: string, op: Operation): ValidateFunction | undefined {
    const cacheKey = `${key} ${media}`;
    const hit = this.compiled.get(cacheKey);
    if (hit) return hit;
    const status = key.split(' ').pop() ?? '';
    const schema = (op.operation.responses[status] as ResponseObject).content?.[media]?.schema;
    if (schema === undefined) return undefined;
    const validate = this.ajv.compile(rebase(schema) as object);
    this.compiled.set(cacheKey, validate);
    return validate;
  }
}

/** `*\/*`, `image/*` and exact types. */
function mediaMatches(declared: string, actual: string): boolean {
  if (declared === '*/*' || declared === actual) return true;
  return declared.endsWith('/*') && actual.startsWith(declared.slice(0, -1));
}

/**
 * Points `#/components/...` references at the registered document, and spells OpenAPI 3.0's
 * `nullable` without `type` (e.g. on `oneOf`) the JSON Schema way, which ajv needs.
 */
function rebase(schema: unknown): unknown {
  return JSON.parse(
    JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/'),
    (_key, value: unknown) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const { nullable, ...rest } = value as Record<string, unknown>;
      if (nullable !== true || 'type' in rest) return value;
      return { anyOf: [rest, { type: 'null' }] };
    },
  ) as unknown;
}
