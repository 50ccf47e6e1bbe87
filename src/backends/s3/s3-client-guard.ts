import type { S3Client } from '@aws-sdk/client-s3';
import { BackendError } from '../backend.error';

/** How smithy's retry middleware wraps an error that is not `instanceof Error` in its realm. */
const WRAPPED_NETWORK_ERROR =
  /^AWS SDK error wrapper for .*\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE)\b/;

type Send = S3Client['send'];

/**
 * The route's client with two things the core S3 driver does not give adapters:
 * - network errors wrapped by smithy's retry middleware become an `unavailable`
 *   BackendError. It wraps errors that are not `instanceof Error` in its realm (Node's own
 *   errors under jest's VM), dropping their `code`, so the driver's translator misses the
 *   outage and the request would be a 500 instead of a 503. A fix in `s3.driver.ts` is
 *   proposed; this part goes away with it.
 * - `timeoutMs`: each request bounded by its own AbortSignal, failing with a timeout
 *   BackendError. lib-storage's Upload has no per-request timeout and uploads are exempt
 *   from the routed per-call timeout, so without it an endpoint that accepts connections
 *   and never answers would hold an upload forever. Upload's requests carry in-memory
 *   parts, never the client's stream, so the bound does not penalise slow clients.
 *   Without `timeoutMs` the caller's send options pass through untouched.
 */
export function guardedClient(client: S3Client, opts: { timeoutMs?: number } = {}): S3Client {
  const send = async (
    command: Parameters<Send>[0],
    options?: Parameters<Send>[1],
  ): Promise<unknown> => {
    const signal = opts.timeoutMs === undefined ? undefined : AbortSignal.timeout(opts.timeoutMs);
    try {
      return await client.send(
        command,
        signal === undefined ? options : { ...options, abortSignal: signal },
      );
    } catch (err) {
      if (signal?.aborted === true)
        throw new BackendError('timeout', `s3 did not answer within ${opts.timeoutMs} ms`, err);
      if (err instanceof Error && WRAPPED_NETWORK_ERROR.test(err.message))
        throw new BackendError('unavailable', `s3: ${err.message}`, err);
      throw err;
    }
  };
  return new Proxy(client, {
    get: (target, prop, receiver) =>
      prop === 'send' ? send : (Reflect.get(target, prop, receiver) as unknown),
  });
}
