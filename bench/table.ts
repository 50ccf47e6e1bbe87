import type { Sample } from './harness';

/** One line of the results table; cells are preformatted. */
export interface Row {
  measurement: string;
  case: string;
  median: string;
  opsPerSec: string;
  spread: string;
  ratio: string;
  notes: string;
}

const HEADERS: Record<keyof Row, string> = {
  measurement: 'Measurement',
  case: 'Case',
  median: 'Median ns/op',
  opsPerSec: 'ops/s',
  spread: 'Spread (IQR)',
  ratio: 'Ratio',
  notes: 'Notes',
};

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const frac = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** `1,234` for large numbers, `12.3` below 100. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return Math.abs(n) >= 100 ? int.format(n) : frac.format(n);
}

export function formatRatio(ratio: number, baseline: string): string {
  return `${ratio.toFixed(2)}× ${baseline}`;
}

export function formatBytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A row for a timed sample; ops/s is derived from the median. */
export function sampleRow(
  measurement: string,
  name: string,
  sample: Sample,
  ratio: string,
  notes = '',
): Row {
  return {
    measurement,
    case: name,
    median: formatNumber(sample.medianNs),
    opsPerSec: formatNumber(1e9 / sample.medianNs),
    spread: `±${(sample.spread * 50).toFixed(1)} %`,
    ratio,
    notes,
  };
}

/** The rows as a GitHub Markdown table (numeric columns right-aligned). */
export function markdownTable(rows: Row[]): string {
  const keys = Object.keys(HEADERS) as (keyof Row)[];
  const right = new Set<keyof Row>(['median', 'opsPerSec', 'spread']);
  const escape = (s: string): string => s.replace(/\|/g, '\\|');
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [
    line(keys.map((k) => HEADERS[k])),
    line(keys.map((k) => (right.has(k) ? '---:' : '---'))),
    ...rows.map((r) => line(keys.map((k) => escape(r[k])))),
  ].join('\n');
}
