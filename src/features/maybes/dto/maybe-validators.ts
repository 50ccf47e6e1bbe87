import { applyDecorators } from '@nestjs/common';
import { Transform, type TransformFnParams } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Matches, ValidateIf } from 'class-validator';
import { MAYBE_LIMITS, MAYBE_TAG_FORMAT } from '../maybe.types';

const TAG_RULE =
  `must be lower-case tags of 1 to ${MAYBE_LIMITS.tag} characters (a-z, 0-9, "_", ".", ":", "-"), ` +
  'starting with a letter or a digit';

/** Optional, but `null` is refused (unlike `@IsOptional()`, which lets null through). */
export const IsAbsentOrSet = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A list of at most `max` tags in {@link MAYBE_TAG_FORMAT}. */
export function IsMaybeTags(max: number): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMaxSize(max, { message: `$property holds at most ${max} tags` }),
    IsString({ each: true, message: `$property ${TAG_RULE}` }),
    Matches(MAYBE_TAG_FORMAT, { each: true, message: `$property ${TAG_RULE}` }),
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

/** Query value `true`/`false` → boolean; empty → absent; anything else is left to fail validation. */
export function ToBoolean(): PropertyDecorator {
  return Transform(({ value }: TransformFnParams) => {
    const raw: unknown = value;
    if (raw === '' || raw === undefined) return undefined;
    return raw === 'true' ? true : raw === 'false' ? false : raw;
  });
}

/** Empty query string → absent. */
export function EmptyAsAbsent(): PropertyDecorator {
  return Transform(({ value }: TransformFnParams) => {
    const raw: unknown = value;
    return raw === '' ? undefined : raw;
  });
}
