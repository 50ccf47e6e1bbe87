import type { BackendConnection } from './backend-driver';
import { InFlightCalls } from './in-flight-calls';

const connection: BackendConnection = { client: {}, close: () => Promise.resolve() };

describe('InFlightCalls', () => {
  it('waits for the calls running on a client, including ones that end in a rejection', async () => {
    const calls = new InFlightCalls();
    let fail: (err: Error) => void = () => undefined;
    const running = new Promise((_, reject) => {
      fail = reject;
    });
    running.catch(() => undefined);
    calls.track(connection, running);
    let settled = false;
    const waiting = calls.settled(connection, 10_000).then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    fail(new Error('retries exhausted'));
    await waiting;
    expect(settled).toBe(true);
  });

  it('stops waiting after the bound, and at once when nothing runs', async () => {
    const calls = new InFlightCalls();
    await calls.settled(connection, 10_000);
    calls.track(connection, new Promise(() => undefined));
    const started = Date.now();
    await calls.settled(connection, 50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });
});
