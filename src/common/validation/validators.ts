import { Matches, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

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

/** The value serialised as JSON is at most `max` bytes of UTF-8. */
export function MaxJsonBytes(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxJsonBytes',
      constraints: [max],
      validator: {
        validate: (value: unknown) =>
          value === undefined || Buffer.byteLength(JSON.stringify(value) ?? '') <= max,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be at most ${max} bytes as JSON`,
      },
    },
    options,
  );
}

/** ISO-8601 date-time with an explicit zone (`Z` or `±hh:mm`), years 1970..9999. */
const ISO_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A timestamp {@link toUtcIso} accepts. */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && toUtcIso(value) !== null,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO-8601 date-time with a zone, e.g. 2026-01-31T12:00:00Z`,
      },
    },
    options,
  );
}

/**
 * Normalises a timestamp to `YYYY-MM-DDTHH:mm:ss.sssZ` (fixed width, so stored values
 * compare correctly as strings); null when it is not one.
 */
export function toUtcIso(value: string): string | null {
  if (!ISO_TIMESTAMP.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || ms < 0) return null;
  const iso = new Date(ms).toISOString();
  return iso.length === 24 ? iso : null;
}
