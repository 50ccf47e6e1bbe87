import { ValidateBy, type ValidationOptions } from 'class-validator';

const KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
export const MAX_METADATA_KEYS = 32;
export const MAX_METADATA_BYTES = 4096;
const MAX_STRING = 1024;

const isPrimitive = (v: unknown): boolean =>
  v === null ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'string' && v.length <= MAX_STRING);

/**
 * A flat object: at most 32 keys (`[A-Za-z][A-Za-z0-9_.-]{0,63}`), values null, booleans,
 * finite numbers or strings of at most 1024 characters, 4 KiB as JSON. Flat and small, so
 * it never needs a nested-field query and never bloats the store (event logs, ledgers).
 */
export function IsFlatMetadata(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isFlatMetadata',
      validator: {
        validate: (value: unknown) => {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          return (
            entries.length <= MAX_METADATA_KEYS &&
            entries.every(([k, v]) => KEY.test(k) && isPrimitive(v)) &&
            Buffer.byteLength(JSON.stringify(value)) <= MAX_METADATA_BYTES
          );
        },
        defaultMessage: () =>
          `metadata must be a flat object of at most ${MAX_METADATA_KEYS} keys (${KEY.source}) whose values ` +
          `are null, booleans, numbers or strings of at most ${MAX_STRING} characters, ${MAX_METADATA_BYTES} bytes as JSON`,
      },
    },
    options,
  );
}
