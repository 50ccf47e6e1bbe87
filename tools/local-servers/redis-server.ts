import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './free-port';
import { startManagedProcess, type ManagedProcess } from './managed-process';

/** Options for {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Defaults to a free loopback port. */
  port?: number;
  /** Data directory; defaults to a fresh temp dir that `stop()` removes. */
  dir?: string;
  /** AOF with `appendfsync always`; defaults to true. */
  appendOnly?: boolean;
}

/** A running `redis-server` bound to 127.0.0.1. */
export interface RedisServerHandle {
  host: '127.0.0.1';
  port: number;
  dir: string;
  /** Graceful shutdown (SIGTERM). Final: removes `dir` if this launcher created it. */
  stop(): Promise<void>;
  /** Simulates a crash (SIGKILL); keeps `dir`, so `restart()` can recover from it. */
  kill(): Promise<void>;
  /** Stops the server if running (SIGTERM) and starts it again on the same port and dir. */
  restart(): Promise<void>;
}

const INSTALL_HINT =
  'Install it with: apt-get install -y --no-install-recommends redis-server (it must be on PATH).';

/**
 * Spawns the `redis-server` binary from PATH on 127.0.0.1 with persistence limited to an
 * fsync-always AOF (no RDB snapshots), and resolves once it accepts connections.
 */
export async function startRedisServer(opts: RedisServerOptions = {}): Promise<RedisServerHandle> {
  const port = opts.port ?? (await freePort());
  const ownsDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'redis-server-')));
  const appendOnly = opts.appendOnly ?? true;
  const args = [
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    appendOnly ? 'yes' : 'no',
    '--appendfsync',
    'always',
    '--daemonize',
    'no',
  ];
  const launch = (): Promise<ManagedProcess> =>
    startManagedProcess({
      name: 'redis-server',
      command: 'redis-server',
      args,
      port,
      readyPattern: /Ready to accept connections/,
      installHint: INSTALL_HINT,
    });

  let current: ManagedProcess | null;
  try {
    current = await launch();
  } catch (err) {
    if (ownsDir) await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    const running = current;
    current = null;
    await running?.stop(signal);
  };

  return {
    host: '127.0.0.1',
    port,
    dir,
    stop: async () => {
      await halt('SIGTERM');
      if (ownsDir) await rm(dir, { recursive: true, force: true });
    },
    kill: () => halt('SIGKILL'),
    restart: async () => {
      await halt('SIGTERM');
      current = await launch();
    },
  };
}
