import type { S3Client } from '@aws-sdk/client-s3';
import { BackendError } from '../backend.error';
import { translateS3Error } from './s3-errors';

type Send = S3Client['send'];

/**
 * The route's client (the raw `S3Handle.client`) with two things added for adapters:
 * - outages (what `translateS3Error` counts: the SDK's timeouts, network errors, S3's
 *   "try later" answers, a missing bucket, any 5xx) are thrown as a BackendError at the
 *   call, so an adapter's own catch blocks (lib-storage's, a sweep's) see a vendor-neutral
 *   error whatever the call path; the routed proxy would only translate them once they
 *   leave the adapter. Other errors (a missing key, …) pass through as the SDK threw them.
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
      const outage = translateS3Error(err);
      throw outage?.isOutage === true ? outage : err;
    }
  };
  return new Proxy(client, {
    get: (target, prop, receiver) =>
      prop === 'send' ? send : (Reflect.get(target, prop, receiver) as unknown),
  });
}
