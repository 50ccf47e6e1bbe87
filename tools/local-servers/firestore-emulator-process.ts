import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A Firestore emulator in a child process, for fault tests. */
export interface FirestoreEmulatorProcess {
  /** `127.0.0.1:PORT`, the form Firestore's `host` setting takes. */
  readonly host: string;
  readonly port: number;
  readonly pid: number;
  /** Stops serving (connections refused); the data stays in the child. */
  stop(): Promise<void>;
  /** Serves the same data on the same port again (after {@link stop}). */
  restart(): Promise<void>;
  /** SIGSTOP: the port stays open but nothing answers, as a hung server. */
  freeze(): void;
  /** SIGCONT after {@link freeze}. */
  thaw(): void;
  /** Ends the child (its data is lost). */
  kill(): Promise<void>;
}

interface Reply {
  ok: boolean;
  port?: number;
  error?: string;
}

const START_TIMEOUT_MS = 30_000;

/**
 * Starts `@firestore-emulator/server` in a child process on 127.0.0.1 (`port`, default a
 * free one). Unlike the in-process emulator it can be frozen with SIGSTOP, which is what a
 * hung backend looks like to a client: connected, and silent.
 */
export async function spawnFirestoreEmulator(
  port = 0,
  /** Node options of the child (e.g. `--max-semi-space-size=64` for large data sets). */
  nodeOptions: readonly string[] = [],
): Promise<FirestoreEmulatorProcess> {
  const child = fork(join(__dirname, 'firestore-emulator.process.ts'), [String(port)], {
    execArgv: [...nodeOptions, '-r', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const first = await nextReply(child, START_TIMEOUT_MS).catch((err: Error) => {
    child.kill('SIGKILL');
    throw err;
  });
  const bound = first.port as number;
  const command = async (cmd: 'stop' | 'start'): Promise<void> => {
    const replied = nextReply(child, START_TIMEOUT_MS);
    child.send({ cmd });
    await replied;
  };
  return {
    host: `127.0.0.1:${bound}`,
    port: bound,
    pid: child.pid as number,
    stop: () => command('stop'),
    restart: () => command('start'),
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
    kill: async () => {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function nextReply(child: ChildProcess, ms: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`firestore emulator child did not answer within ${ms} ms`));
    }, ms);
    const onMessage = (msg: Reply): void => {
      cleanup();
      if (msg.ok) resolve(msg);
      else reject(new Error(`firestore emulator child: ${msg.error}`));
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`firestore emulator child exited (code ${code})`));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
