import type { OpenAPIObject, OperationObject, ParameterObject } from '@nestjs/swagger';

export type { OperationObject, ParameterObject };

/** One operation of the document with where it lives. */
export interface DocumentOperation {
  method: string;
  path: string;
  operation: OperationObject;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Every operation of the document, in path order. */
export function operationsOf(document: OpenAPIObject): DocumentOperation[] {
  const found: DocumentOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) found.push({ method, path, operation });
    }
  }
  return found;
}

/**
 * Declares a header parameter on every operation `applies` selects, unless the operation
 * already declares it (a hand-written declaration with a better description wins).
 * The one place a cross-cutting header is added: scope headers today, others later.
 */
export function addHeaderToOperations(
  document: OpenAPIObject,
  header: ParameterObject,
  applies: (op: DocumentOperation) => boolean,
): void {
  for (const op of operationsOf(document)) {
    if (!applies(op)) continue;
    const parameters = (op.operation.parameters ??= []) as ParameterObject[];
    const name = header.name.toLowerCase();
    if (parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === name)) continue;
    parameters.push({ ...header, in: 'header' });
  }
}

/** Declares `{name}` path parameters that the operation uses but does not declare. */
export function addMissingPathParameters(document: OpenAPIObject): void {
  for (const op of operationsOf(document)) {
    const parameters = (op.operation.parameters ??= []) as ParameterObject[];
    for (const [, name] of op.path.matchAll(/\{([^}]+)\}/g)) {
      if (name === undefined || parameters.some((p) => p.in === 'path' && p.name === name))
        continue;
      parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
  }
}
