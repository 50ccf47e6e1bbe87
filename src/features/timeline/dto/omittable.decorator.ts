import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when present it must pass its rules; unlike `IsOptional`,
 * an explicit null is refused (null would otherwise slip past every rule and be stored).
 */
export const IsOmittable = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** The field may be left out or null (it names nothing); otherwise it must pass its rules. */
export const IsNullable = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);
