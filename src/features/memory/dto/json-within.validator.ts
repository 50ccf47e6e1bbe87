import { ValidateBy, type ValidationOptions } from 'class-validator';

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
 * `maxBytes` bytes.
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
