import type { SweepResult } from './sweep-client';

export interface SweepFigures {
  operations: number;
  perOperation: number[];
  results: SweepResult[];
  problems: { r: SweepResult; problem: string }[];
  sweepMs: number;
  /** KiB, and how long the wait for the end figure took. */
  rss: { start: number; peak: number; end: number; waitedMs: number };
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

const mib = (kib: number): string => `${(kib / 1024).toFixed(1)} MiB`;

/** Prints the sweep's figures as one table (operations, variants, statuses, RSS). */
export function printSummary(f: SweepFigures): void {
  const statuses = countBy(f.results, (r) => String(r.status ?? r.failure ?? 'none'));
  const categories = countBy(f.results, (r) => r.variant.category);
  const codes = countBy(
    f.results.filter((r) => (r.status ?? 0) >= 400),
    (r) => String((r.json as { error?: { code?: string } } | undefined)?.error?.code ?? '-'),
  );
  const lines = [
    'malformed-input sweep',
    `  operations            ${f.operations}`,
    `  variants / operation  ${Math.min(...f.perOperation)}..${Math.max(...f.perOperation)}`,
    `  requests              ${f.results.length} in ${(f.sweepMs / 1000).toFixed(1)} s`,
    `  by category           ${[...categories].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `  by status             ${[...statuses].map(([k, n]) => `${k}: ${n}`).join(', ')}`,
    `  by error code         ${[...codes].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `  contract breaks       ${f.problems.length}`,
    `  RSS start/peak/end    ${mib(f.rss.start)} / ${mib(f.rss.peak)} / ${mib(f.rss.end)} ` +
      `(end ${((f.rss.end / f.rss.start) * 100).toFixed(0)} % of start, after ${(f.rss.waitedMs / 1000).toFixed(0)} s)`,
  ];
  const time = new Map<string, number>();
  for (const r of f.results) time.set(r.variant.name, (time.get(r.variant.name) ?? 0) + r.ms);
  const slowest = [...time].sort((a, b) => b[1] - a[1]).slice(0, 5);
  lines.push(
    `  slowest variants      ${slowest.map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`).join(', ')}`,
  );
  for (const { r, problem } of f.problems.slice(0, 20))
    lines.push(
      `  ! ${r.variant.method} ${r.variant.path.slice(0, 80)} [${r.variant.name}]: ${problem}`,
    );
  console.log(lines.join('\n'));
}
