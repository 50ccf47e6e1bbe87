import { validateSync } from 'class-validator';
import { IsTimestamp, timestampMs, toUtcIso } from './timestamp.validators';

describe('timestamp rules', () => {
  it('normalises a zoned date-time to fixed-width UTC', () => {
    expect(toUtcIso('2024-05-01T14:00+02:00')).toBe('2024-05-01T12:00:00.000Z');
    expect(toUtcIso('2024-05-01T12:00:00.123456789Z')).toBe('2024-05-01T12:00:00.123Z');
  });

  it.each([
    ['2024-05-01T12:00:00', 'no zone'],
    ['2024-05-01 12:00:00Z', 'no T'],
    ['2024-13-01T00:00:00Z', 'no such month'],
    ['1969-12-31T23:59:59.999Z', 'before 1970'],
    ['9999-12-31T23:59:59-23:59', 'after 9999 in UTC'],
    ['2024-05-01', 'a bare date'],
  ])('refuses %j by default (%s)', (value) => {
    expect(toUtcIso(value)).toBeNull();
  });

  it('reads a bare date as UTC midnight only with dateOnly', () => {
    expect(toUtcIso('2024-05-01', { dateOnly: true })).toBe('2024-05-01T00:00:00.000Z');
    expect(toUtcIso('1969-12-31', { dateOnly: true })).toBeNull();
  });

  it('accepts any instant Date.parse reads with unbounded, still never a zoneless one', () => {
    expect(timestampMs('1960-01-01T00:00:00Z', { unbounded: true })).toBe(-315619200000);
    expect(timestampMs('9999-12-31T23:59:59-23:59', { unbounded: true })).not.toBeNull();
    expect(timestampMs('2024-05-01T12:00:00', { unbounded: true })).toBeNull();
    expect(timestampMs(42, { unbounded: true })).toBeNull();
  });

  it('says what it accepts when it refuses a value', () => {
    class Default {
      @IsTimestamp() at: unknown = '2024-05-01';
    }
    class DateOnly {
      @IsTimestamp({ dateOnly: true }) at: unknown = 'soon';
    }
    const problems = (o: object): string[] =>
      validateSync(o).flatMap((e) => Object.values(e.constraints ?? {}));
    expect(problems(new Default())).toEqual([
      'at must be an ISO-8601 date-time with a zone, e.g. 2030-01-31T12:00:00Z',
    ]);
    expect(problems(new DateOnly())).toEqual([
      'at must be an ISO-8601 date-time with Z or an offset (e.g. 2024-05-01T12:00:00Z), between 1970 and 9999',
    ]);
  });
});
