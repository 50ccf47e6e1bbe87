import { hostname } from 'node:os';
import { ConfigError } from './config.error';
import { AppConfig, type RegistryStoreKind } from './app-config';
import { readAllowEmulator, readDurationSeconds, readInt, readLogLevel } from './config-readers';
import {
  parseEnv,
  PROJECT_ID_FORMAT,
  Scope,
  SYSTEM_TENANT,
  TENANT_ID_FORMAT,
  type Env,
} from '../common/scope/scope';

type Environment = Readonly<Record<string, string | undefined>>;

const MIN_SECRET_BYTES = 32;
const DAY_SECONDS = 86_400;

/**
 * Reads and validates the deployment configuration. Collects every problem and throws one
 * {@link ConfigError} naming each variable and what to set.
 */
export function loadAppConfig(environment: Environment): AppConfig {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = environment[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const env = readEnv(get('APP_ENV'), problems);
  const port = readInt('PORT', get('PORT'), 3000, 0, 65535, problems);
  const registryStore = readStore(get('REGISTRY_STORE'), env, problems);
  const gcpProjectId = get('GCP_PROJECT_ID') ?? null;
  if (registryStore === 'firestore' && gcpProjectId === null) {
    problems.push(
      'GCP_PROJECT_ID is not set: the Firestore registry store needs the project id ' +
        '(set GCP_PROJECT_ID, or REGISTRY_STORE=memory in dev/test).',
    );
  }
  const jwtSecret = get('AUTH_JWT_SECRET') ?? '';
  if (Buffer.byteLength(jwtSecret) < MIN_SECRET_BYTES) {
    problems.push(
      `AUTH_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes (HS256); ` +
        `it is ${jwtSecret === '' ? 'not set' : `${Buffer.byteLength(jwtSecret)} bytes`}.`,
    );
  }
  const firestoreEmulatorHost = get('FIRESTORE_EMULATOR_HOST') ?? null;
  if (firestoreEmulatorHost !== null && !/^[^\s:/]+:\d{1,5}$/.test(firestoreEmulatorHost)) {
    problems.push(
      `FIRESTORE_EMULATOR_HOST must be host:port (for example 127.0.0.1:8080); got "${firestoreEmulatorHost}".`,
    );
  }
  const allowFirestoreEmulator = readAllowEmulator(
    get('ALLOW_FIRESTORE_EMULATOR'),
    firestoreEmulatorHost,
    env,
    problems,
  );
  const authMaxTokenTtlSeconds = readDurationSeconds(
    'AUTH_MAX_TOKEN_TTL',
    get('AUTH_MAX_TOKEN_TTL'),
    DAY_SECONDS,
    { min: 60, max: 30 * DAY_SECONDS },
    problems,
  );
  const logLevel = readLogLevel(get('LOG_LEVEL'), problems);
  const requiredScopes = readRequiredScopes(get('ROUTING_REQUIRED_SCOPES'), env, problems);

  const backendTimeoutMs = readInt(
    'BACKEND_TIMEOUT_MS',
    get('BACKEND_TIMEOUT_MS'),
    5000,
    50,
    120_000,
    problems,
  );
  const drainMs = readInt(
    'ROUTING_DRAIN_MS',
    get('ROUTING_DRAIN_MS'),
    30_000,
    0,
    600_000,
    problems,
  );
  const heartbeatMs = readInt(
    'ROUTING_HEARTBEAT_MS',
    get('ROUTING_HEARTBEAT_MS'),
    5000,
    50,
    600_000,
    problems,
  );
  const circuitFailures = readInt(
    'BACKEND_CIRCUIT_FAILURES',
    get('BACKEND_CIRCUIT_FAILURES'),
    3,
    1,
    1000,
    problems,
  );
  const probeIntervalMs = readInt(
    'BACKEND_PROBE_INTERVAL_MS',
    get('BACKEND_PROBE_INTERVAL_MS'),
    250,
    20,
    60_000,
    problems,
  );

  const GiB = 1024 * 1024 * 1024;
  const mediaMaxUploadBytes = readInt(
    'MEDIA_MAX_UPLOAD_BYTES',
    get('MEDIA_MAX_UPLOAD_BYTES'),
    100 * 1024 * 1024,
    1,
    5 * GiB,
    problems,
  );
  const rawMaxUploadBytes = readInt(
    'RAW_MAX_UPLOAD_BYTES',
    get('RAW_MAX_UPLOAD_BYTES'),
    GiB,
    1,
    5 * GiB,
    problems,
  );

  const chatMaxSubscribers = readInt(
    'CHAT_MAX_SUBSCRIBERS',
    get('CHAT_MAX_SUBSCRIBERS'),
    10_000,
    1,
    1_000_000,
    problems,
  );

  if (problems.length > 0) throw new ConfigError(problems);
  return new AppConfig({
    env: env as Env,
    port,
    host: get('HOST') ?? (env === 'dev' || env === 'test' ? '127.0.0.1' : '0.0.0.0'),
    gcpProjectId,
    firestoreEmulatorHost,
    allowFirestoreEmulator,
    registryStore,
    registrySeedFile: get('REGISTRY_SEED_FILE') ?? null,
    jwtSecret,
    authMaxTokenTtlSeconds,
    requiredScopes,
    backendTimeoutMs,
    drainMs,
    heartbeatMs,
    circuitFailures,
    probeIntervalMs,
    mediaMaxUploadBytes,
    rawMaxUploadBytes,
    chatMaxSubscribers,
    instanceId: get('INSTANCE_ID') ?? `${hostname()}-${process.pid}`,
    logLevel,
    secrets: { ...environment },
  });
}

function readEnv(value: string | undefined, problems: string[]): Env | null {
  if (value === undefined) {
    problems.push('APP_ENV is required: one of dev, test, staging, prod.');
    return null;
  }
  const env = parseEnv(value);
  if (env === null) problems.push(`APP_ENV "${value}" is not one of dev, test, staging, prod.`);
  return env;
}

function readStore(
  value: string | undefined,
  env: Env | null,
  problems: string[],
): RegistryStoreKind {
  const store = (value ?? 'firestore').toLowerCase();
  if (store !== 'firestore' && store !== 'memory') {
    problems.push(`REGISTRY_STORE "${value}" is not one of firestore, memory.`);
    return 'firestore';
  }
  if (store === 'memory' && env !== null && env !== 'dev' && env !== 'test') {
    problems.push(
      `REGISTRY_STORE=memory is not allowed in ${env}: an in-memory registry forgets every ` +
        'route at restart. Use REGISTRY_STORE=firestore.',
    );
  }
  return store;
}

function readRequiredScopes(
  value: string | undefined,
  env: Env | null,
  problems: string[],
): Scope[] {
  if (env === null) return [];
  const scopes = [Scope.of(SYSTEM_TENANT, env)];
  for (const item of (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [tenant = '', project, extra] = item.split('/');
    if (
      extra !== undefined ||
      !TENANT_ID_FORMAT.test(tenant) ||
      (project !== undefined && !PROJECT_ID_FORMAT.test(project))
    ) {
      problems.push(
        `ROUTING_REQUIRED_SCOPES entry "${item}" is not "t_<tenant>" or "t_<tenant>/p_<project>" ` +
          '(comma-separated; the env is APP_ENV).',
      );
      continue;
    }
    const scope = Scope.of(tenant, env, project ?? null);
    if (!scopes.some((s) => s.equals(scope))) scopes.push(scope);
  }
  return scopes;
}
