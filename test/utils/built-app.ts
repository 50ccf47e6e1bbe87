import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '..', '..');
const stamp = join(root, 'dist', '.build-stamp');
const lock = join(
  tmpdir(),
  `routing-registry-build-${Buffer.from(root).toString('base64url').slice(-24)}`,
);

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? await newestSource(path) : (await stat(path)).mtimeMs,
    );
  }
  return newest;
}

async function fresh(): Promise<boolean> {
  const built = await stat(stamp).catch(() => null);
  return built !== null && built.mtimeMs >= (await newestSource(join(root, 'src')));
}

/**
 * Makes sure `dist/` holds a build of the current `src/` (`npm run build`, the production
 * build), building at most once at a time across jest workers. Returns the entry point.
 */
export async function ensureBuilt(): Promise<string> {
  const main = join(root, 'dist', 'src', 'main.js');
  if (await fresh()) return main;
  const deadline = Date.now() + 180_000;
  while (!(await takeLock())) {
    if (Date.now() > deadline) throw new Error(`could not take the build lock ${lock}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    if (!(await fresh())) {
      await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: root });
      await writeFile(stamp, new Date().toISOString());
    }
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
  return main;
}

/**
 * Takes the build lock (a directory holding its owner's pid). A lock whose owner is gone (a
 * run killed mid-build) is removed, so it cannot block later runs of this checkout.
 */
async function takeLock(): Promise<boolean> {
  try {
    await mkdir(lock);
    await writeFile(join(lock, 'pid'), String(process.pid));
    return true;
  } catch {
    const owner = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      await rm(lock, { recursive: true, force: true });
    }
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
