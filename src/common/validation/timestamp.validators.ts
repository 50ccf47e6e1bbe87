import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * What a timestamp field accepts beyond the default: an ISO-8601 date-time with an
 * explicit zone (`Z` or `±hh:mm`, never read in the server's local zone), 1970..9999 UTC.
 */
export interface TimestampRules {
  /** Also a bare date `YYYY-MM-DD`, read as UTC midnight. */
  dateOnly?: boolean;
  /**
   * Any instant `Date.parse` reads, not only 1970..9999 UTC: for fields that are compared
   * as instants, never stored as sort keys (which need the fixed width of that range).
   */
  unbounded?: boolean;
}

const ZONED_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** First instant whose ISO form no longer has a 4-digit year. */
const LATEST = Date.UTC(10000, 0, 1);

/** Milliseconds of a timestamp `rules` accept, or null when they refuse it. */
export function timestampMs(value: unknown, rules: TimestampRules = {}): number | null {
  if (typeof value !== 'string') return null;
  if (!ZONED_DATE_TIME.test(value) && !(rules.dateOnly === true && DATE_ONLY.test(value)))
    return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  return rules.unbounded === true || (ms >= 0 && ms < LATEST) ? ms : null;
}

/**
 * Normalises a timestamp to `YYYY-MM-DDTHH:mm:ss.sssZ` (fixed width unless `unbounded`, so
 * stored values compare correctly as strings); null when `rules` refuse it.
 */
export function toUtcIso(value: unknown, rules: TimestampRules = {}): string | null {
  const ms = timestampMs(value, rules);
  return ms === null ? null : new Date(ms).toISOString();
}

/** A timestamp {@link timestampMs} accepts under `rules`. */
export function IsTimestamp(
  rules: TimestampRules = {},
  options?: ValidationOptions,
): PropertyDecorator {
  const rule =
    rules.dateOnly === true
      ? 'must be an ISO-8601 date-time with Z or an offset (e.g. 2024-05-01T12:00:00Z), between 1970 and 9999'
      : 'must be an ISO-8601 date-time with a zone, e.g. 2030-01-31T12:00:00Z';
  return ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value: unknown) => timestampMs(value, rules) !== null,
        defaultMessage: (args) => `${args?.property ?? 'value'} ${rule}`,
      },
    },
    options,
  );
}
