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

const USAGE = `Usage: npm run registry -- <command> [options]

  validate --file routes.yaml --env prod [--coverage]   offline check against the routing policy (exit 1 on problems)
  apply --file routes.yaml [--dry-run] [--no-probe]     write the file's routes to the configured registry
  export [--env prod]                                   print the stored routes as a routes file
  coverage [--env prod]                                 every mounted kind at every scope: resolved, missing or invalid

apply, export and coverage use the deployment configuration (APP_ENV, REGISTRY_STORE,
GCP_PROJECT_ID, FIRESTORE_EMULATOR_HOST, ROUTING_REQUIRED_SCOPES); every missing setting is
reported at once. --dev uses the stack of \`npm run dev\` instead (env dev, registry on the
emulator at 127.0.0.1:18080, project routing-dev); variables that are set still win.
validate warns on stderr (exit code unchanged) when the file has no route of a mounted kind
for --env.`;

async function run(argv: string[]): Promise<CommandResult> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      file: { type: 'string' },
      env: { type: 'string' },
      coverage: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'no-probe': { type: 'boolean', default: false },
      dev: { type: 'boolean', default: false },
    },
  });
  const needFile = (): string => {
    if (values.file === undefined)
      throw new UsageError(`${command} needs --file <routes.yaml|routes.json>.`);
    return values.file;
  };
  if (!['validate', 'apply', 'export', 'coverage'].includes(command ?? ''))
    throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
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
