import { hostname } from 'node:os';
import { parseEnv, type Env } from '../common/scope/scope';
import { defineConfig } from './config-namespace';
import type { EnvironmentSource } from './environment-source';

/** The deployment itself: which env it serves and where it listens. */
export const appConfig = defineConfig('app', (source) => {
  const env = readEnv(source);
  return {
    /** `APP_ENV`: the env this deployment serves; routes of other envs are never used. */
    env: env as Env,
    /** `PORT` (default 3000). */
    port: source.int('PORT', 3000, { min: 0, max: 65535 }),
    /** `HOST` to listen on (default 127.0.0.1 in dev/test, 0.0.0.0 in staging/prod). */
    host: source.get('HOST') ?? (env === 'dev' || env === 'test' ? '127.0.0.1' : '0.0.0.0'),
    /** `INSTANCE_ID` (default host name and process id): reported by `/routing/status`. */
    instanceId: source.get('INSTANCE_ID') ?? `${hostname()}-${process.pid}`,
  };
});

function readEnv(source: EnvironmentSource): Env | null {
  const value = source.get('APP_ENV');
  if (value === undefined) {
    source.problems.push('APP_ENV is required: one of dev, test, staging, prod.');
    return null;
  }
  const env = parseEnv(value);
  if (env === null)
    source.problems.push(`APP_ENV "${value}" is not one of dev, test, staging, prod.`);
  return env;
}
