import { ConfigError } from '../config/config.error';
import { DEV, DEV_STACK_ENVIRONMENT } from '../config/dev-defaults';
import { loadAppConfig } from '../config/load-app-config';

type Environment = Record<string, string | undefined>;

/** Used only to satisfy configuration: the CLI never verifies tokens. */
export const CLI_PLACEHOLDER_SECRET = 'registry-cli-does-not-verify-tokens-0000';

/** What a command needs from its command line to pick its settings. */
export interface CliRequest {
  command: 'validate' | 'apply' | 'export' | 'coverage' | 'move' | 'moves';
  /** `--dev`: the stack of `npm run dev` (variables that are set still win). */
  dev: boolean;
  /** `--env`, if given. */
  env: string | undefined;
}

/**
 * The settings a command cannot run without are missing or invalid. Lists every one at once,
 * with what to set.
 */
export class CliSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The registry CLI cannot run (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nTo use the stack of `npm run dev`, add --dev (no variables needed).',
    );
    this.name = 'CliSettingsError';
  }
}

/**
 * The environment a command runs with. `validate` is offline: for the dev env (or `--dev`)
 * Firestore routes without a project id get the dev project, as `npm run dev` gives them.
 * The other commands use the deployment configuration, or with `--dev` that of `npm run dev`.
 * Checks it all first and throws one {@link CliSettingsError} listing every problem.
 */
export function cliEnvironment(request: CliRequest, processEnv: Environment): Environment {
  const set = Object.fromEntries(
    Object.entries(processEnv).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const base = request.dev ? { ...DEV_STACK_ENVIRONMENT, ...set } : set;
  const environment: Environment = {
    APP_ENV: 'test',
    ...base,
    AUTH_JWT_SECRET: base.AUTH_JWT_SECRET ?? CLI_PLACEHOLDER_SECRET,
    LOG_LEVEL: base.LOG_LEVEL ?? 'silent',
  };
  if (request.command === 'validate') {
    const forDev = request.dev || request.env === 'dev';
    return {
      ...environment,
      APP_ENV: 'test',
      REGISTRY_STORE: 'memory',
      GCP_PROJECT_ID: environment.GCP_PROJECT_ID ?? (forDev ? DEV.gcpProjectId : undefined),
    };
  }
  const problems: string[] = [];
  if (request.command === 'coverage' && request.env === undefined && base.APP_ENV === undefined)
    problems.push(
      'coverage needs the env to check: pass --env <dev|test|staging|prod> or set APP_ENV.',
    );
  try {
    loadAppConfig(environment);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  if (problems.length > 0) throw new CliSettingsError(problems);
  return environment;
}
