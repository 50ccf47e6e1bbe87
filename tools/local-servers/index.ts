import { startFirestoreEmulator, type FirestoreEmulatorHandle } from './firestore-emulator';
import { startRedisServer, type RedisServerHandle } from './redis-server';
import { startS3Server, type S3ServerHandle } from './s3-server';

export * from './firestore-emulator';
export * from './free-port';
export * from './redis-server';
export * from './s3-server';

/** The three backing servers used by tests and local development. */
export interface LocalServers {
  firestore: FirestoreEmulatorHandle;
  redis: RedisServerHandle;
  s3: S3ServerHandle;
  /** Stops all three; waits for every stop even if one fails, then rethrows the first failure. */
  stop(): Promise<void>;
}

/** Options for {@link startLocalServers}. */
export interface LocalServersOptions {
  /** S3 buckets to create at startup. */
  buckets?: string[];
}

/**
 * Starts a Firestore emulator, a redis-server and an S3 server in parallel, each on a free
 * 127.0.0.1 port with fresh temp storage. If any fails to start, the others are stopped.
 */
export async function startLocalServers(opts: LocalServersOptions = {}): Promise<LocalServers> {
  const started = await Promise.allSettled([
    startFirestoreEmulator(),
    startRedisServer(),
    startS3Server({ buckets: opts.buckets ?? [] }),
  ] as const);
  const [firestore, redis, s3] = started;
  if (
    firestore.status === 'fulfilled' &&
    redis.status === 'fulfilled' &&
    s3.status === 'fulfilled'
  ) {
    const servers = [firestore.value, redis.value, s3.value];
    return {
      firestore: firestore.value,
      redis: redis.value,
      s3: s3.value,
      stop: () => stopAll(servers),
    };
  }
  await stopAll(started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
  const reasons = started.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  throw reasons.length === 1
    ? reasons[0]
    : new AggregateError(reasons, 'several local servers failed to start');
}

async function stopAll(servers: { stop(): Promise<void> }[]): Promise<void> {
  const results = await Promise.allSettled(servers.map((s) => s.stop()));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}
export * from './firestore-emulator-process';
