import type { Firestore } from '@google-cloud/firestore';
import type Redis from 'ioredis';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  firestoreDriver,
  type FirestoreHandle,
} from '../../src/backends/firestore/firestore.driver';
import { redisDriver, type RedisHandle } from '../../src/backends/redis/redis.driver';
import { s3Driver, type S3Handle } from '../../src/backends/s3/s3.driver';
import {
  newFirestoreClient,
  newRedisClient,
  newS3Client,
  testS3,
  uniqueProjectId,
} from './test-servers';

/**
 * Backend handles on the test servers, built by the real drivers, for adapter contract
 * suites. Each returns a `close()` for afterAll.
 */
export function firestoreHandle(
  opts: { collectionPrefix?: string; host?: string } = {},
): FirestoreHandle & { close(): Promise<void>; db: Firestore } {
  const db = newFirestoreClient({ projectId: uniqueProjectId('contract'), host: opts.host });
  const handle = firestoreDriver.handle(
    { client: db, close: () => db.terminate() },
    { collection_prefix: opts.collectionPrefix },
  );
  return Object.assign(handle, { close: () => db.terminate() });
}

export function redisHandle(
  opts: { keyPrefix?: string } = {},
): RedisHandle & { close(): Promise<void>; client: Redis } {
  const client = newRedisClient();
  const handle = redisDriver.handle(
    { client, close: async () => void (await client.quit()) },
    { key_prefix: opts.keyPrefix ?? `t${Date.now()}${Math.random().toString(36).slice(2, 6)}` },
  );
  return Object.assign(handle, { close: async () => void (await client.quit()) });
}

export function s3Handle(
  opts: { prefix?: string } = {},
): S3Handle & { close(): Promise<void>; client: S3Client } {
  const client = newS3Client();
  const handle = s3Driver.handle(
    { client, close: () => Promise.resolve(client.destroy()) },
    {
      bucket: testS3().bucket,
      prefix: opts.prefix ?? `t${Date.now()}${Math.random().toString(36).slice(2, 6)}`,
    },
  );
  return Object.assign(handle, { close: () => Promise.resolve(client.destroy()) });
}
