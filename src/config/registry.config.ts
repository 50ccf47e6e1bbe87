import {
  PROJECT_ID_FORMAT,
  Scope,
  SYSTEM_TENANT,
  TENANT_ID_FORMAT,
  type Env,
} from '../common/scope/scope';
import { defineConfig } from './config-namespace';
import type { EnvironmentSource } from './environment-source';

/** Where the registry itself is stored. `memory` is for dev and test only. */
export type RegistryStoreKind = 'firestore' | 'memory';

/** The routing registry: its store, seed, required scopes and heartbeat. */
export const registryConfig = defineConfig('registry', (source) => {
  const env = source.env();
  const store = readStore(source, env);
  if (store === 'firestore' && source.get('GCP_PROJECT_ID') === undefined) {
    source.problems.push(
      'GCP_PROJECT_ID is not set: the Firestore registry store needs the project id ' +
        '(set GCP_PROJECT_ID, or REGISTRY_STORE=memory in dev/test).',
    );
  }
  return {
    /** `APP_ENV`: the env whose routes this registry serves (the deployment's, see `app`). */
    env: env as Env,
    /** `REGISTRY_STORE` (default `firestore`). */
    store,
    /** `REGISTRY_SEED_FILE`: YAML or JSON `{ routes: [...] }` applied at boot. */
    seedFile: source.get('REGISTRY_SEED_FILE') ?? null,
    /** `t_system` in the app's env plus `ROUTING_REQUIRED_SCOPES` (`t_acme,t_acme/p_web`). */
    requiredScopes: readRequiredScopes(source, env),
    /** `ROUTING_HEARTBEAT_MS` (default 5000): how often the registry store is checked for reachability. */
    heartbeatMs: source.int('ROUTING_HEARTBEAT_MS', 5000, { min: 50, max: 600_000 }),
    /**
     * `MOVE_LEASE_MS` (default 30000): how long a move's freeze holds without its runner
     * renewing it. A runner that dies leaves its scopes frozen at most this long; another
     * instance then resumes the move.
     */
    moveLeaseMs: source.int('MOVE_LEASE_MS', 30_000, { min: 500, max: 3_600_000 }),
    /**
     * `MOVE_SETTLE_MS` (default 3000): how long a move waits after freezing before it copies,
     * so every instance has applied the freeze and writes already in flight have finished.
     * Keep it above the registry's propagation time plus `BACKEND_TIMEOUT_MS`.
     */
    moveSettleMs: source.int('MOVE_SETTLE_MS', 3000, { min: 0, max: 600_000 }),
  };
});

function readStore(source: EnvironmentSource, env: Env | null): RegistryStoreKind {
  const value = source.get('REGISTRY_STORE');
  const store = (value ?? 'firestore').toLowerCase();
  if (store !== 'firestore' && store !== 'memory') {
    source.problems.push(`REGISTRY_STORE "${value}" is not one of firestore, memory.`);
    return 'firestore';
  }
  if (store === 'memory' && env !== null && env !== 'dev' && env !== 'test') {
    source.problems.push(
      `REGISTRY_STORE=memory is not allowed in ${env}: an in-memory registry forgets every ` +
        'route at restart. Use REGISTRY_STORE=firestore.',
    );
  }
  return store;
}

function readRequiredScopes(source: EnvironmentSource, env: Env | null): readonly Scope[] {
  if (env === null) return [];
  const scopes = [Scope.of(SYSTEM_TENANT, env)];
  for (const item of (source.get('ROUTING_REQUIRED_SCOPES') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [tenant = '', project, extra] = item.split('/');
    if (
      extra !== undefined ||
      !TENANT_ID_FORMAT.test(tenant) ||
      (project !== undefined && !PROJECT_ID_FORMAT.test(project))
    ) {
      source.problems.push(
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
