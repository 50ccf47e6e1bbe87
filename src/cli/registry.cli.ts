import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createCliContext } from './cli-context';
import { cliEnvironment, CliSettingsError, type CliRequest } from './cli-settings';
import {
  apply,
  coverage,
  envArg,
  exportRoutes,
  UsageError,
  validate,
  type CommandResult,
} from './registry-commands';
import { followMove, listMoves, move } from './move-commands';

const USAGE = `Usage: npm run registry -- <command> [options]

  validate --file routes.yaml --env prod [--coverage]   offline check against the routing policy (exit 1 on problems)
  apply --file routes.yaml [--dry-run] [--no-probe]     write the file's routes to the configured registry
  export [--env prod]                                   print the stored routes as a routes file
  coverage [--env prod]                                 every mounted kind at every scope: resolved, missing or invalid
  move <kind> <tenant> <env> <project|*> --to <backend> [--config key=value …] [--reason "…"] [--dry-run]
                                                        move a scope's data to another backend and switch its route
                                                        (* = the whole tenant); --dry-run prints the plan only
  move --follow <move id>                               follow a move started elsewhere until it ends
  moves [--limit 20]                                    the latest moves, newest first

apply, export and coverage use the deployment configuration (APP_ENV, REGISTRY_STORE,
GCP_PROJECT_ID, FIRESTORE_EMULATOR_HOST, ROUTING_REQUIRED_SCOPES); every missing setting is
reported at once. --dev uses the stack of \`npm run dev\` instead (env dev, registry on the
emulator at 127.0.0.1:18080, project routing-dev); variables that are set still win.
validate warns on stderr (exit code unchanged) when the file has no route of a mounted kind
for --env.

move runs the move in this process: it draws the progress on stderr, prints a summary when
the move ends and exits 1 when it failed, was aborted or was refused. Keep it running until
then (if it stops, a serving instance resumes the move once its lease lapses). --config
values that look like numbers or true/false are sent as such (port=6380, tls=true).
Example: npm run registry -- move feature_flags t_acme prod '*' --to firestore \
  --config project_id=acme-prod --config collection_prefix=acme --reason "own database"`;

async function run(argv: string[]): Promise<CommandResult> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      file: { type: 'string' },
      env: { type: 'string' },
      coverage: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'no-probe': { type: 'boolean', default: false },
      dev: { type: 'boolean', default: false },
      to: { type: 'string' },
      config: { type: 'string', multiple: true, default: [] },
      reason: { type: 'string' },
      follow: { type: 'boolean', default: false },
      limit: { type: 'string' },
    },
    allowPositionals: true,
  });
  const needFile = (): string => {
    if (values.file === undefined)
      throw new UsageError(`${command} needs --file <routes.yaml|routes.json>.`);
    return values.file;
  };
  if (!['validate', 'apply', 'export', 'coverage', 'move', 'moves'].includes(command ?? ''))
    throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
  if (positionals.length > 0 && command !== 'move')
    throw new UsageError(`${command} takes no argument (got ${positionals[0]}).`);
  if (command === 'move' && values.follow && positionals.length === 0)
    throw new UsageError(
      'move --follow needs a move id (list them with: npm run registry -- moves).',
    );
  const request = { command, dev: values.dev, env: values.env } as CliRequest;
  const environment = cliEnvironment(request, process.env);
  // Google's client reads this from the process: on an emulator there is no metadata server
  // to ask, and asking would send traffic off the machine.
  if (environment.FIRESTORE_EMULATOR_HOST !== undefined)
    process.env.METADATA_SERVER_DETECTION ??= 'none';
  const ctx = await createCliContext(environment, command === 'validate');
  try {
    switch (command) {
      case 'validate':
        return await validate(ctx, needFile(), envArg(values.env, undefined), values.coverage);
      case 'apply':
        return await apply(ctx, needFile(), {
          dryRun: values['dry-run'],
          probe: !values['no-probe'],
          actor: `cli:${process.env.USER ?? 'unknown'}`,
        });
      case 'move':
        if (values.follow && positionals.length === 1)
          return await followMove(ctx, positionals[0] as string);
        return await move(ctx, {
          positionals,
          to: values.to,
          config: values.config,
          reason: values.reason,
          dryRun: values['dry-run'],
          actor: `cli:${process.env.USER ?? 'unknown'}`,
        });
      case 'moves':
        return await listMoves(ctx, limitArg(values.limit));
      case 'export':
        return await exportRoutes(
          ctx,
          values.env === undefined ? null : envArg(values.env, undefined),
        );
      default:
        return await coverage(ctx, envArg(values.env, environment.APP_ENV));
    }
  } finally {
    await ctx.close();
  }
}

function limitArg(value: string | undefined): number {
  const limit = Number(value ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new UsageError(`--limit must be a whole number from 1 to 200; got ${value}.`);
  return limit;
}

run(process.argv.slice(2)).then(
  (result) => {
    if (result.warning !== undefined) process.stderr.write(result.warning);
    process.stdout.write(result.out);
    process.exit(result.code);
  },
  (err: unknown) => {
    const usage =
      err instanceof UsageError ||
      err instanceof CliSettingsError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(
      `${err instanceof Error ? err.message : String(err)}\n${usage ? `\n${USAGE}\n` : ''}`,
    );
    process.exit(usage ? 2 : 1);
  },
);
