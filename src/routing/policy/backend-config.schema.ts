import type { BackendType } from '../../backends/backend-type';

/** One config key: its type and how to check a value. */
export interface ConfigKeySpec {
  type: 'string' | 'integer' | 'boolean';
  required?: boolean;
  /** Returns a problem (without the key name) or null. */
  check?: (value: never) => string | null;
}
type KeySpec = ConfigKeySpec;

/**
 * Config keys a kind adds to the routes of some of its backends (for example chat_bus's
 * `stream_maxlen` on redis routes), declared by the feature through `provideRoutedRepository`.
 */
export type KindConfigKeys = Partial<Record<BackendType, Record<string, ConfigKeySpec>>>;

const ENV_VAR_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;
const envVarName = (v: string): string | null =>
  ENV_VAR_NAME.test(v) ? null : 'must be an environment variable name (A-Z, 0-9, _)';
const nonEmpty = (v: string): string | null =>
  v.length > 0 && v.length <= 256 ? null : 'must be 1..256 characters';
const prefix = (v: string): string | null =>
  /^[A-Za-z0-9_.-]{1,64}$/.test(v) ? null : 'must be 1..64 characters of A-Z a-z 0-9 _ . -';
/** A check for an integer key: inclusive bounds. */
export const range =
  (min: number, max: number) =>
  (v: number): string | null =>
    v >= min && v <= max ? null : `must be from ${min} to ${max}`;

/**
 * The config schema of each backend type (PRODUCT.md). Keys are snake_case; anything not
 * listed is refused. No key may hold a secret: `*_env` keys name environment variables.
 */
export const BACKEND_CONFIG_SCHEMAS: Record<BackendType, Record<string, KeySpec>> = {
  firestore: {
    project_id: { type: 'string', check: nonEmpty },
    database_id: { type: 'string', check: nonEmpty },
    collection_prefix: { type: 'string', check: prefix },
  },
  redis: {
    host: { type: 'string', required: true, check: nonEmpty },
    port: { type: 'integer', check: range(1, 65535) },
    db: { type: 'integer', check: range(0, 1024) },
    tls: { type: 'boolean' },
    username: { type: 'string', check: nonEmpty },
    password_env: { type: 'string', check: envVarName },
    key_prefix: { type: 'string', check: prefix },
  },
  s3: {
    bucket: {
      type: 'string',
      required: true,
      check: (v: string) =>
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v) ? null : 'is not a valid S3 bucket name',
    },
    region: { type: 'string', required: true, check: nonEmpty },
    endpoint: {
      type: 'string',
      check: (v: string) => (/^https?:\/\/[^\s/]+/.test(v) ? null : 'must be an http(s) URL'),
    },
    force_path_style: { type: 'boolean' },
    prefix: { type: 'string', check: prefix },
    access_key_id_env: { type: 'string', check: envVarName },
    secret_access_key_env: { type: 'string', check: envVarName },
  },
  memory: {},
};

const SECRET_WORDS = ['password', 'passwd', 'secret', 'token', 'key', 'credentials', 'credential'];

/** True when a config key's name suggests it carries a secret value. */
export function looksLikeSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (lower.endsWith('_env')) return false;
  return SECRET_WORDS.some((w) => lower.includes(w));
}

/**
 * Problems of a config against its backend's schema plus the keys the route's kind adds for
 * that backend (each problem names the key).
 */
export function checkConfigSchema(
  type: BackendType,
  config: Record<string, unknown>,
  kindKeys: KindConfigKeys = {},
): string[] {
  const backendKeys = BACKEND_CONFIG_SCHEMAS[type];
  // A kind adds keys; it can never redefine a backend's own key.
  const added = Object.entries(kindKeys[type] ?? {}).filter(([key]) => !(key in backendKeys));
  const schema: Record<string, KeySpec> = { ...backendKeys, ...Object.fromEntries(added) };
  const problems: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    const spec = schema[key];
    if (spec === undefined) {
      problems.push(unknownKeyProblem(type, key, Object.keys(schema)));
      continue;
    }
    const typeProblem = checkType(spec, value);
    if (typeProblem !== null) problems.push(`config.${key} ${typeProblem}`);
  }
  for (const [key, spec] of Object.entries(schema)) {
    if (spec.required === true && config[key] === undefined) {
      problems.push(`config.${key} is required for backend_type "${type}"`);
    }
  }
  return problems;
}

function unknownKeyProblem(type: BackendType, key: string, allowed: string[]): string {
  if (/emulator/i.test(key)) {
    return `config.${key} names an emulator: routes point at real backends (emulators are set per deployment with FIRESTORE_EMULATOR_HOST)`;
  }
  if (looksLikeSecretKey(key)) {
    const hint = key.toLowerCase().includes('pass') ? 'password_env' : `${key}_env`;
    return `config.${key} looks like a secret: a route config never holds secrets; name an environment variable instead (for example ${hint})`;
  }
  return `config.${key} is not a ${type} config key (allowed: ${allowed.length ? allowed.join(', ') : 'none'})`;
}

function checkType(spec: KeySpec, value: unknown): string | null {
  if (spec.type === 'integer' && !Number.isInteger(value)) return 'must be an integer';
  if (spec.type === 'boolean' && typeof value !== 'boolean') return 'must be true or false';
  if (spec.type === 'string' && typeof value !== 'string') return 'must be a string';
  return spec.check ? spec.check(value as never) : null;
}
