import { ValidateBy, type ValidationOptions } from 'class-validator';
import { timestampMs, type TimestampRules } from '../../../common/validation/timestamp.validators';

/**
 * The timestamp, read with the same `rules` as the field's `IsTimestamp`, is at most `skewMs`
 * after now (clocks differ a little, futures do not exist). A value `rules` refuse passes
 * here: `IsTimestamp` reports it.
 */
export function NotInFuture(
  skewMs: number,
  rules: TimestampRules,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notInFuture',
      validator: {
        validate: (value: unknown) => {
          const ms = timestampMs(value, rules);
          return ms === null || ms <= Date.now() + skewMs;
        },
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} is in the future; send the time the value was observed`,
      },
    },
    options,
  );
}
