import type { BackendType } from './backend-type';
import type { BackendDriver } from './backend-driver';
import { firestoreDriver } from './firestore/firestore.driver';
import { memoryDriver } from './memory/memory.driver';
import { redisDriver } from './redis/redis.driver';
import { s3Driver } from './s3/s3.driver';

/** The driver of every backend type a route may name. */
export const BACKEND_DRIVERS: Record<BackendType, BackendDriver> = {
  firestore: firestoreDriver,
  redis: redisDriver,
  s3: s3Driver,
  memory: memoryDriver,
};
