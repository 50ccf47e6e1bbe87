import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Date, or date-time with `Z` or an explicit offset (no server-local times). */
const INSTANT_FORMAT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const LATEST = Date.UTC(10000, 0, 1);

/** Milliseconds of an instant accepted by {@link IsInstant}, or null. */
export function instantMs(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > 40 || !INSTANT_FORMAT.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms >= 0 && ms < LATEST ? ms : null;
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
        validate: (value: unknown) => instantMs(value) !== null,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO-8601 date-time with Z or an offset ` +
          '(e.g. 2024-05-01T12:00:00Z), between 1970 and 9999',
      },
    },
    options,
  );
}

/** The instant is at most `skewMs` after now (clocks differ a little, futures do not exist). */
export function NotInFuture(skewMs: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notInFuture',
      validator: {
        validate: (value: unknown) => {
          const ms = instantMs(value);
          return ms === null || ms <= Date.now() + skewMs;
        },
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} is in the future; send the time the value was observed`,
      },
    },
    options,
  );
}
