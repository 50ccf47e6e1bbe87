import { applyDecorators } from '@nestjs/common';
import { Transform, type TransformFnParams } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsString,
  Matches,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { NEXUS_LIMITS, NEXUS_TAG_FORMAT } from '../nexus.types';

const TAG_RULE =
  `must be lower-case tags of 1 to ${NEXUS_LIMITS.tag} characters (a-z, 0-9, "_", ".", ":", "-"), ` +
  'starting with a letter or a digit';

/** ISO-8601 date-time with an explicit zone: never read in the server's local zone. */
const ZONED_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Optional, but `null` is refused (unlike `@IsOptional()`, which lets null through). */
export const IsAbsentOrSet = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A list of at most `max` tags in {@link NEXUS_TAG_FORMAT}. */
export function IsNexusTags(max: number): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMaxSize(max, { message: `$property holds at most ${max} tags` }),
    IsString({ each: true, message: `$property ${TAG_RULE}` }),
    Matches(NEXUS_TAG_FORMAT, { each: true, message: `$property ${TAG_RULE}` }),
  );
}

/** Query value `a,b` or repeated `?k=a&k=b` → `['a', 'b']`; empty → absent. */
export function ToList(): PropertyDecorator {
  return Transform(({ value }: TransformFnParams) => {
    const raw: unknown = value;
    const values: unknown[] = Array.isArray(raw) ? (raw as unknown[]) : [raw];
    const parts = values.flatMap((v): unknown[] => (typeof v === 'string' ? v.split(',') : [v]));
    const list = parts.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
    return list.length === 0 ? undefined : list;
  });
}

/** Empty query string → absent. */
export function EmptyAsAbsent(): PropertyDecorator {
  return Transform(({ value }: TransformFnParams) => {
    const raw: unknown = value;
    return raw === '' ? undefined : raw;
  });
}

/** A string of at most `max` bytes as UTF-8. */
export function MaxUtf8Bytes(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxUtf8Bytes',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && Buffer.byteLength(value, 'utf8') <= max,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a string of at most ${max} bytes as UTF-8`,
      },
    },
    options,
  );
}

/** A JSON value (`object: true`: a plain object) of at most `maxBytes` bytes as JSON. */
export function IsJsonWithin(maxBytes: number, opts: { object?: boolean } = {}): PropertyDecorator {
  const shape = opts.object === true ? 'a JSON object' : 'a JSON value';
  return ValidateBy({
    name: 'isJsonWithin',
    validator: {
      validate: (value: unknown) => {
        if (
          opts.object === true &&
          (value === null || typeof value !== 'object' || Array.isArray(value))
        )
          return false;
        return jsonBytes(value) <= maxBytes;
      },
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be ${shape} of at most ${maxBytes} bytes as JSON`,
    },
  });
}

/** A zoned ISO-8601 date-time such as `2030-01-31T12:00:00Z`. */
export function IsZonedTimestamp(): PropertyDecorator {
  return ValidateBy({
    name: 'isZonedTimestamp',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        ZONED_TIMESTAMP.test(value) &&
        !Number.isNaN(Date.parse(value)),
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be an ISO-8601 date-time with a zone, e.g. 2030-01-31T12:00:00Z`,
    },
  });
}

function jsonBytes(value: unknown): number {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? Infinity : Buffer.byteLength(text, 'utf8');
  } catch {
    return Infinity;
  }
}
