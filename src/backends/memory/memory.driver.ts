import type { BackendDriver } from '../backend-driver';

/** In-memory adapters keep their own state; the "connection" is nothing. Dev/test only. */
export type MemoryHandle = Record<string, never>;

export const memoryDriver: BackendDriver<null, MemoryHandle> = {
  type: 'memory',
  connectionKey: () => 'memory',
  connect: () => ({ client: null, close: () => Promise.resolve() }),
  handle: () => ({}),
  ping: () => Promise.resolve(),
  // Memory adapters throw no vendor errors.
  translate: () => null,
};
