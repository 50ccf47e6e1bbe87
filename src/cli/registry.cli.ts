import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createCliContext } from './cli-context';
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
GCP_PROJECT_ID, FIRESTORE_EMULATOR_HOST, ROUTING_REQUIRED_SCOPES).`;

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
    },
  });
  const needFile = (): string => {
    if (values.file === undefined)
      throw new UsageError(`${command} needs --file <routes.yaml|routes.json>.`);
    return values.file;
  };
  const offline = command === 'validate';
  if (!['validate', 'apply', 'export', 'coverage'].includes(command ?? ''))
    throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.');
  const ctx = await createCliContext(process.env, offline);
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
        return await coverage(ctx, envArg(values.env, process.env.APP_ENV));
    }
  } finally {
    await ctx.close();
  }
}

run(process.argv.slice(2)).then(
  (result) => {
    process.stdout.write(result.out);
    process.exit(result.code);
  },
  (err: unknown) => {
    const usage =
      err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(
      `${err instanceof Error ? err.message : String(err)}\n${usage ? `\n${USAGE}\n` : ''}`,
    );
    process.exit(usage ? 2 : 1);
  },
);
