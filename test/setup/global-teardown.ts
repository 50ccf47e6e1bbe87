import type { LocalServers } from '../../tools/local-servers';
import { closeIndexUsage } from './firestore-index-usage';
import { LOCAL_SERVERS_KEY } from './global-setup';

/**
 * Jest global teardown: prints which Firestore indexes the run's queries left unused, and
 * stops the servers started by the global setup.
 */
export default async function globalTeardown(): Promise<void> {
  closeIndexUsage();
  const registry = globalThis as Record<symbol, LocalServers | undefined>;
  const servers = registry[LOCAL_SERVERS_KEY];
  registry[LOCAL_SERVERS_KEY] = undefined;
  await servers?.stop();
}
