import { ValidateBy, type ValidationOptions } from 'class-validator';

/** ISO-8601 date-time with an explicit zone (`Z` or `±hh:mm`): never read in the server's local zone. */
const ZONED_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Whether `value` is a zoned ISO-8601 date-time that names a real instant. */
export function isZonedTimestamp(value: unknown): value is string {
  return (
    typeof value === 'string' && ZONED_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))
  );
}

/** A zoned ISO-8601 date-time such as `2030-01-31T12:00:00Z`. */
export function IsZonedTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isZonedTimestamp',
      validator: {
        validate: (value: unknown) => isZonedTimestamp(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO-8601 date-time with a zone, e.g. 2030-01-31T12:00:00Z`,
      },
    },
    options,
  );
}
