import type { S3Client } from '@aws-sdk/client-s3';
import { BackendError } from '../../../backends/backend.error';

/** How smithy's retry middleware wraps an error that is not `instanceof Error` in its realm. */
const WRAPPED_NETWORK_ERROR =
  /^AWS SDK error wrapper for .*\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE)\b/;

type Send = S3Client['send'];

/**
 * The route's client, with network errors wrapped by smithy's retry middleware turned into
 * an `unavailable` BackendError. The middleware wraps errors that are not `instanceof Error`
 * in its realm (Node's own errors under jest's VM), dropping their `code`, so the core
 * driver's translator misses the outage and the request would be a 500 instead of a 503.
 * A fix in `s3.driver.ts` is proposed; this file goes away with it.
 */
export function guardedClient(client: S3Client): S3Client {
  const send = async (
    command: Parameters<Send>[0],
    options?: Parameters<Send>[1],
  ): Promise<unknown> => {
    try {
      return await client.send(command, options);
    } catch (err) {
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
