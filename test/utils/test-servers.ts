import { randomBytes } from 'node:crypto';

import { S3Client } from '@aws-sdk/client-s3';
import { Firestore } from '@google-cloud/firestore';
import Redis from 'ioredis';

/** Reads an address published by test/setup/global-setup.ts. */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: the jest global setup (test/setup/global-setup.ts) did not run. ` +
        'Run tests through jest with jest.config.ts.',
    );
  }
  return value;
}

/** `127.0.0.1:PORT` of the Firestore emulator started by the global setup. */
export function testFirestoreHost(): string {
  return requireEnv('TEST_FIRESTORE_EMULATOR_HOST');
}

/**
 * `ALLOW_FIRESTORE_EMULATOR=true` for staging/prod (which refuse an emulator without it), so
 * tests can boot a protected env against the test emulator; nothing for dev/test.
 */
export function emulatorAllowance(appEnv: string | undefined): Record<string, string> {
  return appEnv === 'staging' || appEnv === 'prod' ? { ALLOW_FIRESTORE_EMULATOR: 'true' } : {};
}

/** Address of the redis-server started by the global setup. */
export function testRedis(): { host: string; port: number } {
  return { host: requireEnv('TEST_REDIS_HOST'), port: Number(requireEnv('TEST_REDIS_PORT')) };
}

/** Endpoint and pre-created bucket of the S3 server started by the global setup. */
export function testS3(): { endpoint: string; bucket: string } {
  return { endpoint: requireEnv('TEST_S3_ENDPOINT'), bucket: requireEnv('TEST_S3_BUCKET') };
}

/**
 * A Firestore project id no other test file uses. The emulator partitions state by project id,
 * so this isolates a file's data without resetting the shared emulator.
 */
export function uniqueProjectId(prefix: string): string {
  const slug = prefix.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return `${slug}-${randomBytes(4).toString('hex')}`;
}

/**
 * A Firestore client for the test emulator, configured explicitly (it does not rely on the
 * FIRESTORE_EMULATOR_HOST variable). Callers should `terminate()` it when done.
 */
export function newFirestoreClient(
  opts: { projectId?: string; databaseId?: string; host?: string } = {},
): Firestore {
  return new Firestore({
    projectId: opts.projectId ?? uniqueProjectId('test'),
    databaseId: opts.databaseId ?? '(default)',
    host: opts.host ?? testFirestoreHost(),
    ssl: false,
  });
}

/** An S3 client for the test S3 server (path-style, dummy credentials, checksums only if required). */
export function newS3Client(): S3Client {
  return new S3Client({
    endpoint: testS3().endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * An ioredis client for the test redis-server. Connection errors are recorded on `lastError`
 * instead of being thrown as unhandled 'error' events; callers should `quit()` it when done.
 */
export function newRedisClient(): Redis & { lastError?: Error } {
  const { host, port } = testRedis();
  const client: Redis & { lastError?: Error } = new Redis({ host, port, lazyConnect: false });
  client.on('error', (err: Error) => {
    client.lastError = err;
  });
  return client;
}
