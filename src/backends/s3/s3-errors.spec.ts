import { BackendError } from '../backend.error';
import { translateS3Error } from './s3-errors';

const named = (name: string, message = 'x', extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(message), { name }, extra);

describe('translateS3Error', () => {
  it.each([
    ['smithy requestTimeout', named('TimeoutError', 'a request has exceeded 1500 ms')],
    ['connection refused', named('Error', 'connect ECONNREFUSED', { code: 'ECONNREFUSED' })],
    ['connection reset', named('Error', 'read ECONNRESET', { code: 'ECONNRESET' })],
    ['socket hang up', named('Error', 'socket hang up')],
    ['wrapped refused', new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 1:2')],
    ['wrapped reset', new Error('AWS SDK error wrapper for Error: read ECONNRESET')],
    ['wrapped socket hang up', new Error('AWS SDK error wrapper for Error: socket hang up')],
    ['S3 throttling', named('SlowDown')],
    ['a 5xx', named('InternalError', 'x', { $metadata: { httpStatusCode: 500 } })],
  ])('reads %s as an outage', (_what, err) => {
    const translated = translateS3Error(err);
    expect(translated).toBeInstanceOf(BackendError);
    expect(translated?.isOutage).toBe(true);
  });

  it.each([
    ['a missing key', named('NoSuchKey', 'x', { $metadata: { httpStatusCode: 404 } })],
    ['a refused request', named('AccessDenied', 'x', { $metadata: { httpStatusCode: 403 } })],
    ['an AbortError of the caller', named('AbortError', 'Request aborted')],
    ['not an error', 'boom'],
  ])('leaves %s alone', (_what, err) => {
    expect(translateS3Error(err)).toBeNull();
  });
});
