import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from './free-port';

/** A loopback TCP proxy that can simulate an outage of what it fronts. */
export interface TcpProxyHandle {
  /** `127.0.0.1:PORT` clients connect to. */
  host: string;
  port: number;
  /** Drops every connection and refuses new ones (the target keeps its data, as in a real outage). */
  cut(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Forwards 127.0.0.1:<port> to 127.0.0.1:<targetPort>. Tests put it between the app and the
 * in-process Firestore emulator (whose data lives in memory and would not survive a real
 * stop) to show what the app does while its registry store is unreachable.
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxyHandle> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1');
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => sock.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve();
      });
    });

  const cut = (): Promise<void> =>
    new Promise((resolve) => {
      for (const sock of sockets) sock.destroy();
      sockets.clear();
      if (server === null) return resolve();
      server.close(() => resolve());
      server = null;
    });

  await listen();
  return { host: `127.0.0.1:${port}`, port, cut, restore: listen, stop: cut };
}
