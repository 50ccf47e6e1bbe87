import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Date, or date-time with `Z` or an explicit offset (no server-local times). */
const INSTANT_FORMAT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const LATEST = Date.UTC(10000, 0, 1);

/** The instant as ISO-8601 UTC (`…Z`), or null when {@link IsInstant} would refuse it. */
export function toUtcInstant(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 40 || !INSTANT_FORMAT.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms >= 0 && ms < LATEST ? new Date(ms).toISOString() : null;
}

/**
 * An ISO-8601 instant between 1970 and 9999 with an explicit zone (`2024-05-01T12:00:00Z`,
 * `…+02:00`, or a bare date read as UTC midnight). Stored as UTC, these sort as strings.
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => toUtcInstant(value) !== null,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO-8601 date-time with Z or an offset ` +
          '(e.g. 2024-05-01T12:00:00Z), between 1970 and 9999',
      },
    },
    options,
  );
}
