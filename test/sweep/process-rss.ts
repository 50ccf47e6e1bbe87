import { readFile } from 'node:fs/promises';

/** Resident set size of a process in KiB (`VmRSS` of /proc/<pid>/status). */
export async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (match === null) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Samples a process's RSS every `everyMs` until stopped; keeps the peak. */
export class RssSampler {
  peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 100,
  ) {
    this.timer = setInterval(() => {
      rssKiB(this.pid).then(
        (kib) => (this.peak = Math.max(this.peak, kib)),
        () => undefined,
      );
    }, everyMs);
  }

  stop(): number {
    clearInterval(this.timer);
    return this.peak;
  }
}
