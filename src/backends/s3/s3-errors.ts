import { BackendError } from '../backend.error';
import { isNetworkOutageCode } from '../network-errors';

/** Error names of the SDK and of S3 that mean the backend cannot serve. */
const OUTAGE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'NoSuchBucket',
  'NetworkingError',
  'ServiceUnavailable',
  'SlowDown',
]);

/**
 * smithy's retry middleware wraps an error that is not `instanceof Error` in its realm
 * (Node's own network errors, under jest's VM) as "AWS SDK error wrapper for Error: …",
 * dropping `code`: the code, or Node's "socket hang up" (ECONNRESET), is read from the text.
 */
const WRAPPED = /^AWS SDK error wrapper for .*?(?:\b(E[A-Z]+)\b|(socket hang up))/;

/**
 * An S3 SDK error as a {@link BackendError}, or null when it is not a backend failure (a
 * missing key, a refused request…). Outages: the SDK's timeouts, network errors (refused,
 * reset, socket hang up, unreachable), S3's own "try later" answers, and any 5xx.
 */
export function translateS3Error(err: unknown): BackendError | null {
  if (err instanceof BackendError) return err;
  if (!(err instanceof Error)) return null;
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const wrapped = WRAPPED.exec(err.message);
  const code = (err as { code?: string }).code ?? wrapped?.[1];
  if (
    OUTAGE_NAMES.has(err.name) ||
    isNetworkOutageCode(code) ||
    wrapped?.[2] !== undefined ||
    err.message === 'socket hang up' ||
    (status !== undefined && status >= 500)
  ) {
    return new BackendError('unavailable', `s3: ${err.name}: ${err.message}`, err);
  }
  return null;
}
