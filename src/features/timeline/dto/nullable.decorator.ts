import { ValidateIf } from 'class-validator';

/** The field may be left out or null (it names nothing); otherwise it must pass its rules. */
export const IsNullable = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);
