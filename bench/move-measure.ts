import type { INestApplication } from '@nestjs/common';
import type { ScopeData, ScopeRecord } from '../src/common/scope-data/scope-data';
import type { Scope } from '../src/common/scope/scope';
import { MOVE_BATCH } from '../src/routing/moves/move-copier';
import { MoveRunner, type MovePhase } from '../src/routing/moves/move-runner';
import { isFinalMoveState, type MoveRecord } from '../src/routing/moves/move.types';
import { MovesService, type MoveRequest } from '../src/routing/moves/moves.service';

/** Milliseconds since `start` (a `performance.now()` reading). */
export function since(start: number): number {
  return performance.now() - start;
}

/**
 * The plain peer of a move's copy: every record of `scopes` exported from `source` and
 * imported into `target` in batches of the move's size, one scope after the other as the
 * move does, with no state, progress, lease or freeze around it.
 */
export async function plainCopy(
  source: ScopeData,
  target: ScopeData,
  scopes: readonly Scope[],
): Promise<{ records: number; ms: number }> {
  const start = performance.now();
  let records = 0;
  for (const scope of scopes) {
    let batch: ScopeRecord[] = [];
    for await (const record of source.exportScope(scope)) {
      batch.push(record);
      if (batch.length >= MOVE_BATCH) {
        await target.importRecords(scope, batch);
        records += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await target.importRecords(scope, batch);
    records += batch.length;
  }
  return { records, ms: since(start) };
}

/** What one move through the app took. */
export interface MoveTiming {
  move: MoveRecord;
  /** `MovesService.start` (checks, scopesHeld, target-empty check per scope). */
  planMs: number;
  /** From `start` to the final state seen by polling `get`. */
  totalMs: number;
  /** From the runner's phase hooks: settle ended → copied → verified → switched. */
  copyMs: number;
  verifyMs: number;
  switchMs: number;
  /** From the stored move: switched_at − frozen_at and finished_at − frozen_at. */
  freezeToSwitchMs: number;
  freezeToEndMs: number;
  /** The move record as JSON (what the registry store keeps per update). */
  recordBytes: number;
}

/**
 * Runs one move through the app's own services (`MovesService.start`, then `get` polled
 * until it ends) and times its phases with the runner's `onPhase` hook.
 */
export async function timedMove(app: INestApplication, request: MoveRequest): Promise<MoveTiming> {
  const moves = app.get(MovesService);
  const runner = app.get(MoveRunner);
  const at: Partial<Record<MovePhase, number>> = {};
  runner.onPhase = (_move, phase) => {
    at[phase] = performance.now();
    return Promise.resolve();
  };
  try {
    const start = performance.now();
    const started = await moves.start(request);
    const planMs = since(start);
    let move = started;
    while (!isFinalMoveState(move.state)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      move = await moves.get(started.id);
    }
    const totalMs = since(start);
    if (move.state !== 'done')
      throw new Error(`move ${move.id} ended ${move.state}: ${move.error}`);
    const span = (from: MovePhase, to: MovePhase): number => (at[to] ?? NaN) - (at[from] ?? NaN);
    const stamp = (iso: string | null): number => Date.parse(iso ?? '');
    return {
      move,
      planMs,
      totalMs,
      copyMs: span('frozen', 'copied'),
      verifyMs: span('copied', 'verified'),
      switchMs: span('verified', 'switched'),
      freezeToSwitchMs: stamp(move.switched_at) - stamp(move.frozen_at),
      freezeToEndMs: stamp(move.finished_at) - stamp(move.frozen_at),
      recordBytes: JSON.stringify(move).length,
    };
  } finally {
    runner.onPhase = null;
  }
}
