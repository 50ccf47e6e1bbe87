import { IdempotencyKeyInvalidError, parseIdempotencyKey } from './idempotency.errors';

describe('parseIdempotencyKey', () => {
  it("reads a bare key and the draft's quoted form as the same key", () => {
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
    expect(parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it('refuses empty, spaced, over-long, repeated and empty quoted keys', () => {
    for (const bad of ['', 'a b', 'x'.repeat(256), ['a', 'b'], '""', 'é']) {
      expect(() => parseIdempotencyKey(bad)).toThrow(IdempotencyKeyInvalidError);
    }
  });
});
