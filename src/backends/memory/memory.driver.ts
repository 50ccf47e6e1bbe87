import type { BackendDriver } from '../backend-driver';
import { BackendError } from '../backend.error';

/** In-memory adapters keep their own state; the "connection" is nothing. Dev/test only. */
export type MemoryHandle = Record<string, never>;

export const memoryDriver: BackendDriver<null, MemoryHandle> = {
  type: 'memory',
  connectionKey: () => 'memory',
  connect: () => ({ client: null, close: () => Promise.resolve() }),
  handle: () => ({}),
  ping: () => Promise.resolve(),
  // Memory adapters throw no vendor errors; the router's own timeout and open-circuit errors
  // (BackendError) still pass through, as they do for every driver.
  translate: (err) => (err instanceof BackendError ? err : null),
};
