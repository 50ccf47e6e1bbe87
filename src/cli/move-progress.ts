import { describeRouteKey } from '../routing/route.types';
import { isFinalMoveState, type MoveRecord } from '../routing/moves/move.types';
import type { MovePlan } from '../routing/moves/moves.service';

/** `1.5 KiB`: sizes in progress lines and summaries. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `1 record`, `2 records`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function backendOf(b: { backend_type: string; config: Record<string, unknown> }): string {
  return `${b.backend_type} ${JSON.stringify(b.config)}`;
}

/** The dry run as printed: every scope with its records and bytes, source → target. */
export function planReport(plan: MovePlan): string {
  const scopes = plan.scopes.map(
    (s) =>
      `  ${s.scope.padEnd(40)} ${count(s.records, 'record').padStart(14)}  ${formatBytes(s.bytes)}`,
  );
  return (
    `Dry run, nothing written or frozen. Move ${describeRouteKey(plan)}\n` +
    `  from ${backendOf(plan.source)} (route at ${plan.source.route_scope})\n` +
    `  to   ${backendOf(plan.target)}\n` +
    `${count(plan.scopes.length, 'scope')}, ${count(plan.records, 'record')}, ${formatBytes(plan.bytes)}:\n` +
    `${scopes.join('\n')}\n`
  );
}

/**
 * The one-line progress of a move. `expected` is the record count of a plan made just before
 * the start (0 when following a move started elsewhere); the stored counts win once known.
 */
export function progressLine(move: MoveRecord, expected: number): string {
  const total = Math.max(
    expected,
    move.scopes.reduce((n, s) => n + s.records, 0),
  );
  const done =
    move.state === 'verifying'
      ? move.scopes.reduce((n, s) => n + s.verified, 0)
      : move.records_copied;
  const width = 20;
  const filled =
    isFinalMoveState(move.state) || move.state === 'switched'
      ? width
      : total === 0
        ? 0
        : Math.min(width, Math.floor((done / total) * width));
  const counted = move.state === 'verifying' ? 'verified' : 'copied';
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${move.state.padEnd(9)} ` +
    `${done}/${total === 0 ? '?' : total} records ${counted}, ${formatBytes(move.bytes_copied)}`
  );
}

/**
 * Draws the progress line on stderr: redrawn in place on a terminal, otherwise one line per
 * change of state so logs stay readable.
 */
export class MoveProgressBar {
  private last = '';
  private lastState = '';

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly expected = 0,
  ) {}

  draw(move: MoveRecord): void {
    const line = progressLine(move, this.expected);
    if (this.stream.isTTY) {
      if (line !== this.last) this.stream.write(`\r\x1b[K${line}`);
    } else if (move.state !== this.lastState) {
      this.stream.write(`${line}\n`);
    }
    this.last = line;
    this.lastState = move.state;
  }

  /** Ends the redrawn line so what follows starts on its own. */
  end(): void {
    if (this.stream.isTTY && this.last !== '') this.stream.write('\n');
  }
}

function seconds(from: string | null, to: string | null): string | null {
  if (from === null || to === null) return null;
  return `${((Date.parse(to) - Date.parse(from)) / 1000).toFixed(2)} s`;
}

/** What a finished (or still running) move did, as printed at the end. */
export function moveSummary(move: MoveRecord): string {
  const lines = [
    `Move ${move.id} ${move.state}: ${describeRouteKey(move)}`,
    `  from ${backendOf(move.source)} to ${backendOf(move.target)}`,
    `  ${count(move.records_copied, 'record')} copied (${formatBytes(move.bytes_copied)}) in ${count(move.scopes.length, 'scope')}`,
  ];
  const frozen = seconds(move.frozen_at, move.switched_at ?? move.finished_at);
  if (frozen !== null)
    lines.push(
      `  writes frozen for ${frozen} (${move.switched_at !== null ? 'until the switch' : 'until the end'})`,
    );
  if (move.registry_version !== null)
    lines.push(`  switched at registry version ${move.registry_version}`);
  if (move.error !== null) lines.push(`  error: ${move.error}`);
  if (move.state === 'done')
    lines.push(
      `  the source keeps its copy; delete it with POST /routing/moves/${move.id}/delete-source once no route uses it`,
    );
  return `${lines.join('\n')}\n`;
}

/** `moves`: one line per move, newest first. */
export function movesTable(moves: MoveRecord[]): string {
  if (moves.length === 0) return 'No moves.\n';
  const rows = moves.map((m) =>
    [
      m.id,
      describeRouteKey(m),
      m.state,
      count(m.records_copied, 'record'),
      `started ${m.started_at ?? '-'}`,
      `finished ${m.finished_at ?? '-'}`,
    ].join('  '),
  );
  return `${rows.join('\n')}\n`;
}
