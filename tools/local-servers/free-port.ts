import { createServer } from 'node:net';

/**
 * Asks the kernel for a currently free TCP port on the loopback interface.
 *
 * The port is released before this resolves, so another process could take it in between; callers
 * that can bind port 0 themselves should prefer that.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('freePort: server.address() did not return a TCP address'));
        return;
      }
      const { port } = address;
      server.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}
