import type { ApiPropertyOptions } from '@nestjs/swagger';
import { MAX_METADATA_KEYS } from '../../validation/metadata.validator';

/**
 * Schema of a stored flat metadata object (see `IsFlatMetadata`): values are null, booleans,
 * numbers or strings, never nested.
 */
export const FLAT_METADATA = {
  type: 'object',
  maxProperties: MAX_METADATA_KEYS,
  additionalProperties: {
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }],
    nullable: true,
  },
} satisfies ApiPropertyOptions;
