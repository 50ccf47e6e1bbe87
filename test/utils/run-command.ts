import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** What a command printed and how it exited. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

const root = join(__dirname, '..', '..');

/**
 * Runs a command from the checkout's root with nothing but PATH and HOME (and `env`) in its
 * environment; resolves with its exit code and output (never rejects on the exit code).
 */
export function runCommand(
  file: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CommandRun> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          METADATA_SERVER_DETECTION: 'none',
          ...env,
        },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
