import { startLocalServers, type LocalServers } from '../../tools/local-servers';
import { openIndexUsage } from './firestore-index-usage';

/** Where the global setup leaves the running servers for the global teardown (same process). */
export const LOCAL_SERVERS_KEY = Symbol.for('routing-registry.test.localServers');

export const TEST_S3_BUCKET = 'test-bucket';

/**
 * Jest global setup: starts the Firestore emulator, redis-server and S3 server once per run and
 * publishes their addresses through process.env, which jest workers inherit.
 */
export default async function globalSetup(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const startedAt = Date.now();
  const servers = await startLocalServers({ buckets: [TEST_S3_BUCKET] });
  (globalThis as Record<symbol, LocalServers | undefined>)[LOCAL_SERVERS_KEY] = servers;

  process.env.TEST_FIRESTORE_EMULATOR_HOST = servers.firestore.host;
  process.env.TEST_REDIS_HOST = servers.redis.host;
  process.env.TEST_REDIS_PORT = String(servers.redis.port);
  process.env.TEST_S3_ENDPOINT = servers.s3.endpoint;
  process.env.TEST_S3_BUCKET = TEST_S3_BUCKET;
  openIndexUsage();
  if (process.env.TEST_SERVERS_VERBOSE) {
    console.log(`\nlocal test servers started in ${Date.now() - startedAt} ms`);
  }
}
