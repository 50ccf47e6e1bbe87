import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Scope } from '../../common/scope/scope';
import type { BackendConnection, BackendDriver, BackendSettings } from '../backend-driver';
import { scopeSegments } from '../scope-path';
import { translateS3Error } from './s3-errors';

/** What an S3 adapter receives. */
export interface S3Handle {
  readonly client: S3Client;
  readonly bucket: string;
  /**
   * `BACKEND_TIMEOUT_MS` of the deployment: the bound an adapter puts on each request it
   * makes outside the routed per-call timeout (the requests of a streamed upload, clean-ups
   * and sweeps that run after the answer).
   */
  readonly timeoutMs: number;
  /** An object key under the scope: `{prefix/}tenants/{tenant}/{env}/{project|-}/{parts...}`. */
  key(scope: Scope, ...parts: string[]): string;
}

/** For clients not made by {@link s3Driver.connect} (tests build their own): the default `BACKEND_TIMEOUT_MS`. */
const DEFAULT_TIMEOUT_MS = 5000;

/** The timeout each client was connected with. */
const clientTimeouts = new WeakMap<S3Client, number>();

function credentials(config: Record<string, unknown>, settings: BackendSettings) {
  const idEnv = config.access_key_id_env as string | undefined;
  const secretEnv = config.secret_access_key_env as string | undefined;
  if (!idEnv || !secretEnv) return undefined;
  return {
    accessKeyId: settings.secret(idEnv) ?? '',
    secretAccessKey: settings.secret(secretEnv) ?? '',
  };
}

export const s3Driver: BackendDriver<S3Client, S3Handle> = {
  type: 's3',
  connectionKey: (c) =>
    JSON.stringify([
      c.region,
      c.endpoint ?? null,
      c.force_path_style ?? false,
      c.access_key_id_env ?? null,
      c.secret_access_key_env ?? null,
    ]),
  connect(config, settings): BackendConnection<S3Client> {
    const client = new S3Client({
      region: config.region as string,
      endpoint: config.endpoint as string | undefined,
      forcePathStyle: (config.force_path_style as boolean | undefined) ?? false,
      credentials: credentials(config, settings),
      maxAttempts: 2,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // requestTimeout runs until the response headers. Without throwOnRequestTimeout smithy
      // only logs a warning when it passes and the request waits on. No socketTimeout: a
      // download streamed to a slow client idles its socket under backpressure.
      requestHandler: new NodeHttpHandler({
        connectionTimeout: settings.timeoutMs,
        requestTimeout: settings.timeoutMs,
        throwOnRequestTimeout: true,
      }),
    });
    clientTimeouts.set(client, settings.timeoutMs);
    return { client, close: () => Promise.resolve(client.destroy()) };
  },
  handle(connection, config): S3Handle {
    const prefix = config.prefix as string | undefined;
    return {
      client: connection.client,
      bucket: config.bucket as string,
      timeoutMs: clientTimeouts.get(connection.client) ?? DEFAULT_TIMEOUT_MS,
      key: (scope, ...parts) =>
        [...(prefix ? [prefix] : []), 'tenants', ...scopeSegments(scope), ...parts].join('/'),
    };
  },
  async ping(connection, config) {
    await connection.client.send(new HeadBucketCommand({ Bucket: config.bucket as string }));
  },
  translate: translateS3Error,
};
