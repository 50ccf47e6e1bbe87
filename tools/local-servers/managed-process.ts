import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

/** How to launch a server binary and tell when it is ready. */
export interface ManagedProcessSpec {
  /** Human name used in error messages, e.g. `redis-server`. */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Loopback port the process listens on once ready. */
  port: number;
  /**
   * Output line the process prints once it serves. Checked before the port, so a port already
   * taken by another server is not mistaken for readiness.
   */
  readyPattern?: RegExp;
  /** Readiness deadline; defaults to 10 s. */
  timeoutMs?: number;
  /** Appended to the error when the command cannot be found (ENOENT). */
  installHint?: string;
}

/** A running child process that is ready to accept connections. */
export interface ManagedProcess {
  pid: number;
  /** Sends `signal` (SIGTERM by default) and resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Sends `signal` without waiting (fault tests freeze a server with SIGSTOP, resume it with SIGCONT). */
  signal(signal: NodeJS.Signals): void;
}

const OUTPUT_TAIL_CHARS = 4_000;
const POLL_INTERVAL_MS = 50;
const STOP_GRACE_MS = 10_000;

/**
 * Spawns a server process and resolves once it accepts TCP connections on 127.0.0.1:`port`.
 *
 * Rejects (after killing the process) if it exits early, cannot be spawned, or is not ready in
 * time; the error carries the tail of its output. The process is SIGKILLed if this Node process
 * exits without stopping it, so a crashed test run does not leave servers behind.
 */
export async function startManagedProcess(spec: ManagedProcessSpec): Promise<ManagedProcess> {
  const timeoutMs = spec.timeoutMs ?? 10_000;
  const child = spawn(spec.command, spec.args, {
    env: spec.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Output must be drained or the child blocks once the pipe buffer fills.
  let output = '';
  let announcedReady = spec.readyPattern === undefined;
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    announcedReady ||= spec.readyPattern?.test(output) ?? false;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const exited = new Promise<string>((resolve) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      const hint = err.code === 'ENOENT' && spec.installHint ? ` ${spec.installHint}` : '';
      resolve(`could not run '${spec.command}': ${err.message}.${hint}`);
    });
    child.once('exit', (code, signal) => resolve(`exited early (code ${code}, signal ${signal})`));
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const polling = new AbortController();
  const failure = await Promise.race([
    exited,
    waitForPort(spec.port, () => announcedReady, timeoutMs, polling.signal).then(
      () => null,
      (err: Error) => err.message,
    ),
  ]);
  polling.abort();
  if (failure !== null || child.pid === undefined) {
    process.off('exit', killOnExit);
    child.kill('SIGKILL');
    const tail = output.trim() ? `\n--- ${spec.name} output ---\n${output.trim()}` : '';
    throw new Error(`${spec.name} on 127.0.0.1:${spec.port}: ${failure ?? 'no pid'}${tail}`);
  }

  return {
    pid: child.pid,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      process.off('exit', killOnExit);
      await stopChild(child, signal);
    },
    signal: (signal) => {
      child.kill(signal);
    },
  };
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // A server that ignores SIGTERM must not hang the test run's teardown.
    const escalate = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(escalate);
      resolve();
    });
    child.kill(signal);
  });
}

async function waitForPort(
  port: number,
  announcedReady: () => boolean,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!signal.aborted) {
    if (announcedReady() && (await canConnect(port))) return;
    if (Date.now() > deadline) throw new Error(`not accepting connections after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
