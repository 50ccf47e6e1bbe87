import { until } from '../../test/utils/until';
import { BackendClients } from './backend-clients';
import type { BackendConnection, BackendDriver } from './backend-driver';

interface FakeConnection extends BackendConnection<number> {
  closed: boolean;
}

/** A driver whose clients are plain objects that record being closed. */
function fakeDriver(): { driver: BackendDriver<number, null>; connections: FakeConnection[] } {
  const connections: FakeConnection[] = [];
  const driver: BackendDriver<number, null> = {
    type: 'memory',
    connectionKey: (config) => String(config.host),
    connect: () => {
      const connection: FakeConnection = {
        client: connections.length,
        closed: false,
        close: () => {
          connection.closed = true;
          return Promise.resolve();
        },
      };
      connections.push(connection);
      return connection;
    },
    handle: () => null,
    ping: () => Promise.resolve(),
    translate: () => null,
  };
  return { driver, connections };
}

const SETTINGS = {
  timeoutMs: 1000,
  firestoreEmulatorHost: null,
  defaultGcpProjectId: null,
  secret: () => undefined,
};
const DRAIN_MS = 50;
const ONE = { host: 'one' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('BackendClients', () => {
  let clients: BackendClients;
  let fake: ReturnType<typeof fakeDriver>;

  beforeEach(() => {
    fake = fakeDriver();
    clients = new BackendClients(SETTINGS, DRAIN_MS, { failureThreshold: 1, probeIntervalMs: 20 });
  });
  afterEach(() => clients.closeAll());

  it('shares one client per connection key and counts its users', () => {
    const a = clients.acquire(fake.driver, ONE);
    const b = clients.acquire(fake.driver, { ...ONE, prefix: 'other' });
    const c = clients.acquire(fake.driver, { host: 'two' });
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(fake.connections).toHaveLength(2);
    expect(clients.openCount).toBe(2);
  });

  it('closes a client only after its last user released it and the drain passed', async () => {
    const connection = clients.acquire(fake.driver, ONE);
    clients.acquire(fake.driver, ONE);
    clients.release(fake.driver, ONE);
    await sleep(DRAIN_MS * 2);
    expect(fake.connections[0]?.closed).toBe(false);
    clients.release(fake.driver, ONE);
    await sleep(DRAIN_MS / 2);
    expect(fake.connections[0]?.closed).toBe(false);
    await until(() => fake.connections[0]?.closed === true);
    expect(clients.openCount).toBe(0);
    // The next user gets a new client.
    expect(clients.acquire(fake.driver, ONE)).not.toBe(connection);
  });

  it('keeps a client taken again during its drain', async () => {
    const connection = clients.acquire(fake.driver, ONE);
    clients.release(fake.driver, ONE);
    expect(clients.acquire(fake.driver, ONE)).toBe(connection);
    await sleep(DRAIN_MS * 2);
    expect(fake.connections[0]?.closed).toBe(false);
  });

  it('waits for the calls still running on a client before closing it', async () => {
    const connection = clients.acquire(fake.driver, ONE);
    let settle: () => void = () => undefined;
    clients.track(connection, new Promise<void>((resolve) => (settle = resolve)));
    clients.release(fake.driver, ONE);
    await sleep(DRAIN_MS * 3);
    expect(fake.connections[0]?.closed).toBe(false);
    settle();
    await until(() => fake.connections[0]?.closed === true);
  });

  it('closes every client at shutdown', async () => {
    clients.acquire(fake.driver, ONE);
    clients.acquire(fake.driver, { host: 'two' });
    await clients.closeAll();
    expect(fake.connections.map((c) => c.closed)).toEqual([true, true]);
    expect(clients.openCount).toBe(0);
  });

  it('replaces a client whose circuit opened with the fresh one its probe reached', async () => {
    const old = clients.acquire(fake.driver, ONE);
    const replaced: [BackendConnection, BackendConnection][] = [];
    clients.onReplaced((from, to) => replaced.push([from, to]));
    const breaker = clients.breaker(fake.driver, ONE);
    breaker?.recordOutage();
    expect(breaker?.state).toBe('open');
    await until(() => breaker?.state === 'closed');
    const fresh = clients.acquire(fake.driver, ONE);
    expect(fresh).not.toBe(old);
    expect(replaced).toEqual([[old, fresh]]);
    // Calls begun on the old client may still be retrying: it is closed later, not at once.
    expect(fake.connections[0]?.closed).toBe(false);
    await clients.closeAll();
    expect(fake.connections[0]?.closed).toBe(true);
  });
});
