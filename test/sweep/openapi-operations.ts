/** The parts of an OpenAPI 3 document the sweep reads. */
interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: JsonSchema;
}

export interface JsonSchema {
  type?: string;
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** One operation as the sweep sees it. */
export interface SweepOperation {
  method: string;
  /** `/pages/{id}`: path parameters in braces. */
  template: string;
  /** From the template (some operations do not declare theirs). */
  pathParams: string[];
  queryParams: { name: string; type: string }[];
  headerParams: string[];
  /** Media types of the request body; empty for operations without one. */
  consumes: string[];
  /** Top-level body properties and their declared types (`$ref`s resolved). */
  bodyProps: { name: string; type: string }[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  if (schema?.$ref === undefined) return schema ?? {};
  const name = schema.$ref.split('/').at(-1) ?? '';
  return doc.components?.schemas?.[name] ?? {};
}

function typeOf(doc: OpenApiDocument, schema: JsonSchema | undefined): string {
  const resolved = resolve(doc, schema);
  return resolved.type ?? (resolved.properties ? 'object' : 'string');
}

function bodyPropsOf(doc: OpenApiDocument, op: OpenApiOperation): SweepOperation['bodyProps'] {
  const content = op.requestBody?.content ?? {};
  const first = Object.values(content)[0];
  const schema = resolve(doc, first?.schema);
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => ({
    name,
    type: typeOf(doc, prop),
  }));
}

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDocument): SweepOperation[] {
  return Object.entries(doc.paths).flatMap(([template, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((method) => {
      const op = item[method] as OpenApiOperation;
      const params = op.parameters ?? [];
      return {
        method: method.toUpperCase(),
        template,
        pathParams: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''),
        queryParams: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, type: typeOf(doc, p.schema) })),
        headerParams: params.filter((p) => p.in === 'header').map((p) => p.name),
        consumes: Object.keys(op.requestBody?.content ?? {}),
        bodyProps: bodyPropsOf(doc, op),
      };
    }),
  );
}
