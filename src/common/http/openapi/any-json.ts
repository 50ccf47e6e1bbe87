import type { SchemaObject } from '@nestjs/swagger';

/**
 * Schema of a field that holds any JSON value (object, array, string, number, boolean or
 * null). Without it swagger reads `unknown` as `object`, which wrongly refuses the others.
 */
export const ANY_JSON: { oneOf: SchemaObject[]; nullable: boolean } = {
  oneOf: [
    { type: 'object', additionalProperties: true },
    { type: 'array', items: {} },
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
  ],
  nullable: true,
};
