import { Matches, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * Format of the short lower-case names callers choose as keys: surfaces, page types.
 * They go into storage keys (escaped), so the format is fixed and short.
 */
export const NAME_ID_FORMAT = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** A string matching {@link NAME_ID_FORMAT}. */
export function IsNameId(options?: ValidationOptions): PropertyDecorator {
  return Matches(NAME_ID_FORMAT, {
    message: ({ property }) => `${property} must match ${NAME_ID_FORMAT.source}`,
    ...options,
  });
}

/**
 * May be left out, but not sent as null: PATCH bodies use it for fields that cannot be
 * cleared (`@IsOptional()` would let null through to the service).
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}
