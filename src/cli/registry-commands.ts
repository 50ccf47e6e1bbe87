import type { INestApplicationContext } from '@nestjs/common';
import { stringify } from 'yaml';
import { parseEnv, type Env } from '../common/scope/scope';
import { RoutingAdminService } from '../routing/admin/routing-admin.service';
import { coverageOf, type RegistryChange } from '../routing/admin/registry-planner';
import { KindCatalog } from '../routing/kind-catalog';
import { formatProblem, type RouteProblem } from '../routing/policy/route-problem';
import { routeKeyId, sameRouteContent } from '../routing/route.types';
import { RouteValidator } from '../routing/route-validator';
import { readRoutesFile } from '../routing/seed-file';
import { RegistryStore } from '../routing/store/registry-store';

/** What a command prints and its exit code. */
export interface CommandResult {
  out: string;
  code: 0 | 1;
  /** Printed on stderr; does not change the exit code. */
  warning?: string;
}

function problemReport(title: string, problems: RouteProblem[]): string {
  return `${title} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}\n`;
}

/** Offline check of a routes file: the policy for every route, and coverage with `--coverage`. */
export async function validate(
  ctx: INestApplicationContext,
  file: string,
  env: Env,
  withCoverage: boolean,
): Promise<CommandResult> {
  const parsed = await readRoutesFile(file);
  const warning = noMountedKindWarning(ctx, file, env, parsed.routes);
  const validator = ctx.get(RouteValidator);
  const problems = [...parsed.problems, ...parsed.routes.flatMap((r) => validator.validate(r))];
  if (withCoverage) {
    const routes = parsed.routes.map((r) => ({
      ...r,
      project_id: r.project_id ?? null,
      required: r.required ?? false,
      rationale: r.rationale ?? '',
      version: 0,
      updated_at: '',
      updated_by: '',
    }));
    const required = ctx.get(RoutingAdminService).requiredScopes(env);
    const missing = coverageOf(routes, ctx.get(KindCatalog).list(), env, required, () => [])
      .filter((e) => e.status === 'missing' && required.some((s) => s.toString() === e.scope))
      .map((e) => ({
        resource_kind: e.resource_kind,
        scope: e.scope,
        message: e.problems.join('; '),
      }));
    problems.push(...missing);
  }
  if (problems.length > 0)
    return {
      out: problemReport(`${file} is not valid for env=${env}`, problems),
      code: 1,
      warning,
    };
  return {
    out: `${file}: ${parsed.routes.length} routes valid${withCoverage ? `, every mounted kind covered in ${env}` : ''}.\n`,
    code: 0,
    warning,
  };
}

/** A file valid for `env` only because it says nothing about it deserves a word. */
function noMountedKindWarning(
  ctx: INestApplicationContext,
  file: string,
  env: Env,
  routes: { resource_kind: string; env: string }[],
): string | undefined {
  const mounted = new Set(
    ctx
      .get(KindCatalog)
      .list()
      .map((k) => k.kind),
  );
  if (routes.some((r) => r.env === env && mounted.has(r.resource_kind))) return undefined;
  const envs = [...new Set(routes.map((r) => r.env))].join(', ') || 'none';
  return (
    `Warning: ${file} has no route of a mounted kind for env=${env} (its envs: ${envs}); ` +
    `it changes nothing there. Check --env, or add --coverage to require every mounted kind.\n`
  );
}

/** Applies a routes file to the configured store (only routes that differ), or plans it. */
export async function apply(
  ctx: INestApplicationContext,
  file: string,
  opts: { dryRun: boolean; probe: boolean; actor: string },
): Promise<CommandResult> {
  const parsed = await readRoutesFile(file);
  if (parsed.problems.length > 0)
    return { out: problemReport(`${file} cannot be read`, parsed.problems), code: 1 };
  const admin = ctx.get(RoutingAdminService);
  const stored = new Map(
    (await ctx.get(RegistryStore).load()).routes.map((r) => [routeKeyId(r), r]),
  );
  const changes: RegistryChange[] = parsed.routes
    .filter((r) => !sameRouteContent(stored.get(routeKeyId(r)), r))
    .map((route) => ({ op: 'put', route }));
  const plan = await admin.plan(changes.length > 0 ? changes : []);
  if (plan.problems.length > 0)
    return {
      out: problemReport(`${file} is refused by the routing policy`, plan.problems),
      code: 1,
    };
  const summary = `${changes.length} of ${parsed.routes.length} routes differ from the registry; ${plan.moves.length} kind/scope pairs would move (tenants: ${plan.tenants.join(', ') || 'none'}).\n`;
  if (opts.dryRun)
    return {
      out: `Dry run, nothing written. ${summary}${stringify({ moves: plan.moves })}`,
      code: 0,
    };
  for (const change of changes) {
    if (change.op === 'put')
      await admin.put(change.route, {
        actor: opts.actor,
        reason: `applied from ${file}`,
        probe: opts.probe,
      });
  }
  return { out: `Applied. ${summary}`, code: 0 };
}

/** The stored routes as a routes file (`{ routes: [...] }`), optionally one env only. */
export async function exportRoutes(
  ctx: INestApplicationContext,
  env: Env | null,
): Promise<CommandResult> {
  const routes = (await ctx.get(RegistryStore).load()).routes
    .filter((r) => env === null || r.env === env)
    .sort((a, b) => routeKeyId(a).localeCompare(routeKeyId(b)));
  return { out: stringify({ routes }), code: 0 };
}

/** Each mounted kind × scope of an env: resolved, missing or invalid. Exit 1 on any gap. */
export async function coverage(ctx: INestApplicationContext, env: Env): Promise<CommandResult> {
  const entries = await ctx.get(RoutingAdminService).coverage(env);
  const lines = entries.map(
    (e) =>
      `${e.status.padEnd(8)} ${e.resource_kind} @ ${e.scope}${e.matched_scope ? ` → ${e.backend_type} via ${e.matched_scope}` : ''}${e.problems.length ? `: ${e.problems.join('; ')}` : ''}`,
  );
  const bad = entries.filter((e) => e.status !== 'resolved').length;
  return {
    out: `${lines.join('\n')}\n${bad === 0 ? 'All covered.' : `${bad} gaps.`}\n`,
    code: bad === 0 ? 0 : 1,
  };
}

export function envArg(value: string | undefined, fallback: string | undefined): Env {
  const env = parseEnv(value ?? fallback ?? null);
  if (env === null)
    throw new UsageError(
      `--env must be one of dev, test, staging, prod (or set APP_ENV); got ${JSON.stringify(value ?? fallback ?? null)}.`,
    );
  return env;
}

/** A command line that cannot run; printed with the usage, exit 2. */
export class UsageError extends Error {}
