import type { INestApplicationContext } from '@nestjs/common';
import { RoutingAdminService } from '../routing/admin/routing-admin.service';
import { MoveRunner } from '../routing/moves/move-runner';
import { isFinalMoveState, type MoveRecord } from '../routing/moves/move.types';
import { MovesService, type MoveRequest } from '../routing/moves/moves.service';
import type { BackendConfig } from '../routing/route.types';
import { count, MoveProgressBar, moveSummary, movesTable, planReport } from './move-progress';
import { envArg, UsageError, type CommandResult } from './registry-commands';

/** How often a followed move is read from the registry store. */
const POLL_MS = 250;

/** `move <kind> <tenant> <env> <project|*>` with its options, as parsed from the command line. */
export interface MoveArgs {
  positionals: string[];
  to: string | undefined;
  config: string[];
  reason: string | undefined;
  dryRun: boolean;
  actor: string;
}

/**
 * `--config k=v` pairs as a backend config: numbers and `true`/`false` become numbers and
 * booleans (`port=6380`, `tls=true`), everything else stays a string.
 */
export function parseConfigPairs(pairs: string[]): BackendConfig {
  const config: BackendConfig = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--config takes key=value, got ${JSON.stringify(pair)}.`);
    const key = pair.slice(0, at).trim();
    const raw = pair.slice(at + 1).trim();
    config[key] =
      raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : /^-?\d+(\.\d+)?$/.test(raw)
            ? Number(raw)
            : raw;
  }
  return config;
}

function moveRequest(ctx: INestApplicationContext, args: MoveArgs): MoveRequest {
  const [kind, tenant, env, project, ...extra] = args.positionals;
  if (project === undefined || extra.length > 0)
    throw new UsageError(
      'move needs exactly <kind> <tenant> <env> <project|*> (use * for the whole tenant).',
    );
  if (args.to === undefined) throw new UsageError('move needs --to <backend type>.');
  const input = ctx.get(RoutingAdminService).parse({
    resource_kind: kind,
    tenant_id: tenant,
    env: envArg(env, undefined),
    project_id: project === '*' ? null : project,
    backend_type: args.to,
    config: parseConfigPairs(args.config),
  });
  return {
    ...input,
    project_id: input.project_id ?? null,
    reason: args.reason ?? `moved with the registry CLI by ${args.actor}`,
    actor: args.actor,
  };
}

/**
 * `move …`: prints the plan with `--dry-run`; otherwise starts the move with this process as
 * its runner, draws its progress until it ends and prints the summary (exit 1 unless done).
 * A refusal throws (its message says what to fix).
 */
export async function move(ctx: INestApplicationContext, args: MoveArgs): Promise<CommandResult> {
  const request = moveRequest(ctx, args);
  const moves = ctx.get(MovesService);
  const plan = await moves.plan(request);
  if (args.dryRun) return { out: planReport(plan), code: 0 };
  const started = await moves.start(request);
  process.stderr.write(
    `Move ${started.id} started: ${count(plan.records, 'record')} in ${count(plan.scopes.length, 'scope')} (writes of ${request.resource_kind} there are refused until it switches).\n`,
  );
  const ended = await follow(ctx, started.id, plan.records);
  // The runner may still be releasing its backends: closing the context waits for it too.
  const runner = ctx.get(MoveRunner);
  while (runner.isRunning(started.id)) await sleep(20);
  return summary(ended);
}

/** `move --follow <id>`: follows a move started anywhere until it ends. */
export async function followMove(ctx: INestApplicationContext, id: string): Promise<CommandResult> {
  return summary(await follow(ctx, id, 0));
}

/** `moves`: the latest moves, newest first. */
export async function listMoves(
  ctx: INestApplicationContext,
  limit: number,
): Promise<CommandResult> {
  return { out: movesTable(await ctx.get(MovesService).list({ limit })), code: 0 };
}

/** Reads the move from the registry store until it is final, drawing its progress. */
async function follow(
  ctx: INestApplicationContext,
  id: string,
  expected: number,
): Promise<MoveRecord> {
  const moves = ctx.get(MovesService);
  const bar = new MoveProgressBar(process.stderr, expected);
  try {
    for (;;) {
      const current = await moves.get(id);
      bar.draw(current);
      if (isFinalMoveState(current.state)) return current;
      await sleep(POLL_MS);
    }
  } finally {
    bar.end();
  }
}

function summary(move: MoveRecord): CommandResult {
  return { out: moveSummary(move), code: move.state === 'done' ? 0 : 1 };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
