import { Scope, type Env } from '../common/scope/scope';

/** Where the registry itself is stored. `memory` is for dev and test only. */
export type RegistryStoreKind = 'firestore' | 'memory';

/**
 * The deployment's configuration, read once from the environment at start
 * ({@link loadAppConfig}) and injected everywhere else. Nothing else reads `process.env`.
 */
export class AppConfig {
  /** `APP_ENV`: the env this deployment serves; routes of other envs are never used. */
  readonly env!: Env;
  /** `PORT` (default 3000). */
  readonly port!: number;
  /** `HOST` to listen on (default 127.0.0.1 in dev/test, 0.0.0.0 in staging/prod). */
  readonly host!: string;
  /** `GCP_PROJECT_ID`: default Firestore project for the registry and firestore routes. */
  readonly gcpProjectId!: string | null;
  /** `FIRESTORE_EMULATOR_HOST` (`host:port`): points every Firestore client at an emulator. */
  readonly firestoreEmulatorHost!: string | null;
  /**
   * `ALLOW_FIRESTORE_EMULATOR` (default false): lets a staging/prod deployment run with
   * {@link firestoreEmulatorHost} (a test deployment); refused without it.
   */
  readonly allowFirestoreEmulator!: boolean;
  /** `REGISTRY_STORE` (default `firestore`). */
  readonly registryStore!: RegistryStoreKind;
  /** `REGISTRY_SEED_FILE`: YAML or JSON `{ routes: [...] }` applied at boot. */
  readonly registrySeedFile!: string | null;
  /** `AUTH_JWT_SECRET`: HS256 secret, at least 32 bytes. */
  readonly jwtSecret!: string;
  /**
   * `AUTH_MAX_TOKEN_TTL` (default 24 h; seconds or `90m`, `24h`, `7d`): longest token lifetime
   * (exp − iat) accepted, in seconds.
   */
  readonly authMaxTokenTtlSeconds!: number;
  /** `t_system` in {@link env} plus `ROUTING_REQUIRED_SCOPES` (`t_acme,t_acme/p_web`). */
  readonly requiredScopes!: readonly Scope[];
  /** `BACKEND_TIMEOUT_MS` (default 5000): bound on every backend call. */
  readonly backendTimeoutMs!: number;
  /** `ROUTING_DRAIN_MS` (default 30000): how long a replaced backend client stays open. */
  readonly drainMs!: number;
  /** `ROUTING_HEARTBEAT_MS` (default 5000): how often the registry store is checked for reachability. */
  readonly heartbeatMs!: number;
  /** `BACKEND_CIRCUIT_FAILURES` (default 3): consecutive outage failures that open a backend client's circuit. */
  readonly circuitFailures!: number;
  /** `BACKEND_PROBE_INTERVAL_MS` (default 250): how often an open circuit probes its backend. */
  readonly probeIntervalMs!: number;
  /** `INSTANCE_ID` (default host name and process id): reported by `/routing/status`. */
  readonly instanceId!: string;
  /** `MEDIA_MAX_UPLOAD_BYTES` (default 100 MiB): largest media_v2_storage upload. */
  readonly mediaMaxUploadBytes!: number;
  /** `RAW_MAX_UPLOAD_BYTES` (default 1 GiB): largest raw_storage presigned upload. */
  readonly rawMaxUploadBytes!: number;
  /**
   * `CHAT_MAX_SUBSCRIBERS` (default 10000): live chat feeds (SSE) one instance serves at once;
   * past it a new feed answers `503 chat_bus.too_many_subscribers` with `Retry-After`.
   */
  readonly chatMaxSubscribers!: number;
  /** `LOG_LEVEL`: a pino level or `silent` (default `info`; `silent` in tests). */
  readonly logLevel!: string;
  /** Environment variables that routes may name (`password_env`, …). Read-only snapshot. */
  readonly secrets!: Readonly<Record<string, string | undefined>>;

  constructor(values: Omit<AppConfig, 'secret'>) {
    Object.assign(this, values);
  }

  /** The value of an environment variable a route names, or undefined when unset. */
  secret(name: string): string | undefined {
    return this.secrets[name];
  }
}
