import { spawn, type ChildProcess } from 'node:child_process';
import { ensureBuilt } from '../test/utils/built-app';
import { freePort } from '../tools/local-servers';

/** An app process started by {@link startBuiltApp}. */
export interface BuiltApp {
  url: string;
  pid: number;
  /** SIGTERM, resolves once it exited. */
  stop(): Promise<void>;
}

/** The built app (`node dist/src/main.js`) as its own process, as production runs it. */
export async function startBuiltApp(
  env: Record<string, string>,
  listenTimeoutMs = 60_000,
): Promise<BuiltApp> {
  const main = await ensureBuilt();
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let head = '';
  // Access lines are written as in production (LOG_LEVEL info) and dropped here.
  const keep = (d: Buffer): void => {
    if (head.length < 20_000) head += d.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`app did not listen:\n${head}`)),
      listenTimeoutMs,
    );
    const check = setInterval(() => {
      if (!head.includes('Listening on')) return;
      clearInterval(check);
      clearTimeout(timer);
      resolve();
    }, 20);
    void exited.then(() => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`app exited before listening:\n${head}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
