import type { BackendConnection } from './backend-driver';

/**
 * Calls still running on each client, counted until they settle (not until the caller gave
 * up on them: a call that timed out may go on in the vendor client's own retries). Closing a
 * client under such a call makes some clients (Firestore's) fail out of band with an
 * unhandled rejection, so a client is closed only once its calls have settled, within a bound.
 */
export class InFlightCalls<Client = BackendConnection> {
  private readonly calls = new Map<Client, Set<Promise<unknown>>>();

  track(connection: Client, work: Promise<unknown>): void {
    let running = this.calls.get(connection);
    if (running === undefined) {
      running = new Set();
      this.calls.set(connection, running);
    }
    const set = running;
    set.add(work);
    const done = (): void => {
      set.delete(work);
      if (set.size === 0 && this.calls.get(connection) === set) this.calls.delete(connection);
    };
    work.then(done, done);
  }

  /** Resolves when every call on `connection` has settled, or after `ms` at most. */
  async settled(connection: Client, ms: number): Promise<void> {
    const running = this.calls.get(connection);
    if (running === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });
    await Promise.race([Promise.allSettled([...running]), bound]);
    clearTimeout(timer);
  }
}
