import type { Type } from '@nestjs/common';
import { getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';

/**
 * A property holding an object of `model`, or null. `type: Model, nullable: true` makes swagger
 * write `{ type: object, nullable, allOf: [$ref] }`, which refuses null (the `$ref` does);
 * `oneOf` + `nullable` without `type` says "the model or null". The owning class must list
 * `model` in `@ApiExtraModels` so the `$ref` resolves.
 */
export function nullableRef(model: Type, description?: string): ApiPropertyOptions {
  return {
    oneOf: [{ $ref: getSchemaPath(model) }],
    nullable: true,
    ...(description === undefined ? {} : { description }),
  };
}
