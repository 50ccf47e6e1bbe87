import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './free-port';
import { startManagedProcess } from './managed-process';

/** Options for {@link startS3Server}. */
export interface S3ServerOptions {
  /** Defaults to a free loopback port. */
  port?: number;
  /** Data directory; defaults to a fresh temp dir that `stop()` removes. */
  dir?: string;
  /** Buckets created at startup. */
  buckets?: string[];
}

/**
 * A running s3rver bound to 127.0.0.1. Clients need `forcePathStyle: true`, any credentials, and
 * `requestChecksumCalculation` / `responseChecksumValidation` set to `'WHEN_REQUIRED'`.
 */
export interface S3ServerHandle {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  port: number;
  dir: string;
  /** Stops the server; removes `dir` if this launcher created it. */
  stop(): Promise<void>;
  /** Kills the server at once (SIGKILL) and waits for it to exit; keeps `dir`. */
  kill(): Promise<void>;
  /** Freezes (SIGSTOP) or resumes (SIGCONT) the server: it keeps its port but answers nothing while frozen. */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void;
}

/**
 * Runs s3rver as a child process (so its legacy-OpenSSL requirement does not leak into the caller)
 * and resolves once it accepts connections.
 */
export async function startS3Server(opts: S3ServerOptions = {}): Promise<S3ServerHandle> {
  const port = opts.port ?? (await freePort());
  const ownsDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 's3rver-')));
  const bucketArgs = (opts.buckets ?? []).flatMap((name) => ['--configure-bucket', name]);
  const child = await startManagedProcess({
    name: 's3rver',
    command: process.execPath,
    // s3rver.process.ts: s3rver with its Delimiter listings made to answer as S3 does.
    args: [
      '-r',
      'ts-node/register/transpile-only',
      join(__dirname, 's3rver.process.ts'),
      ...['-d', dir, '-a', '127.0.0.1', '-p', String(port), '-s', ...bucketArgs],
    ],
    // s3rver's ListObjectsV2 continuation tokens use a cipher that OpenSSL 3 only has in the
    // legacy provider.
    env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' },
    port,
    readyPattern: /S3rver listening on/,
  }).catch(async (err: unknown) => {
    if (ownsDir) await rm(dir, { recursive: true, force: true });
    throw err;
  });

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    dir,
    stop: async () => {
      await child.stop();
      if (ownsDir) await rm(dir, { recursive: true, force: true });
    },
    kill: () => child.stop('SIGKILL'),
    signal: (signal) => child.signal(signal),
  };
}
