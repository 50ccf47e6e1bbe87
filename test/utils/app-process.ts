import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../tools/local-servers';
import { ensureBuilt } from './built-app';
import { emulatorAllowance } from './test-servers';

/** An app running as its own process (`node dist/src/main.js`). */
export interface AppProcess {
  url: string;
  port: number;
  /** Process id of the app (for /proc readings). */
  pid: number;
  output(): string;
  /** SIGTERM, then resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Sends `signal` (e.g. SIGKILL: no shutdown hooks run), then resolves once it exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the built app with `env` and resolves once it listens (or rejects with its output).
 * Staging/prod on an emulator get `ALLOW_FIRESTORE_EMULATOR=true` unless `env` says otherwise.
 */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const main = await ensureBuilt();
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH ?? '',
      METADATA_SERVER_DETECTION: 'none',
      LOG_LEVEL: 'warn',
      ...(env.FIRESTORE_EMULATOR_HOST === undefined ? {} : emulatorAllowance(env.APP_ENV)),
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let gone = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      gone = true;
      resolve(code);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`app did not listen within 30 s:\n${output}`)),
      30_000,
    );
    const check = setInterval(() => {
      if (output.includes('Listening on')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? 0,
    output: () => output,
    stop: () => {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
    kill: async (signal) => {
      if (!gone) child.kill(signal);
      await exited;
    },
  };
}
