import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A string of at most `max` bytes once encoded as UTF-8 (storage limits count bytes, not characters). */
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

/**
 * The value serialised as JSON is at most `max` bytes of UTF-8. Lenient: undefined passes,
 * and so does a value `JSON.stringify` drops (a function); pair it with a shape rule such
 * as `@IsObject()`. {@link IsJsonWithin} is the strict form.
 */
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

/** UTF-8 size of a value as JSON, or null when it is not JSON-serialisable. */
function jsonBytes(value: unknown): number | null {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : Buffer.byteLength(text, 'utf8');
  } catch {
    return null;
  }
}

/**
 * A JSON value (present; `object: true` requires a plain object) whose JSON form is at most
 * `maxBytes` bytes. Strict: undefined and values with no JSON form are refused, so it
 * stands alone (add `IsOmittable()` for an optional field).
 */
export function IsJsonWithin(
  maxBytes: number,
  opts: { object?: boolean } = {},
  options?: ValidationOptions,
): PropertyDecorator {
  const shape = opts.object === true ? 'a JSON object' : 'a JSON value';
  return ValidateBy(
    {
      name: 'isJsonWithin',
      validator: {
        validate: (value: unknown) => {
          if (value === undefined) return false;
          if (
            opts.object === true &&
            (value === null || typeof value !== 'object' || Array.isArray(value))
          )
            return false;
          const bytes = jsonBytes(value);
          return bytes !== null && bytes <= maxBytes;
        },
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be ${shape} of at most ${maxBytes} bytes as JSON`,
      },
    },
    options,
  );
}
