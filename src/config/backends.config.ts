import { defineConfig } from './config-namespace';
import { readAllowEmulator } from './config-readers';
import type { EnvironmentSource } from './environment-source';

/** How backend clients connect, and how long they wait, retry and linger. */
export const backendsConfig = defineConfig('backends', (source) => {
  const firestoreEmulatorHost = readEmulatorHost(source);
  return {
    /** `BACKEND_TIMEOUT_MS` (default 5000): bound on every backend call. */
    timeoutMs: source.int('BACKEND_TIMEOUT_MS', 5000, { min: 50, max: 120_000 }),
    /** `BACKEND_CIRCUIT_FAILURES` (default 3): consecutive outage failures that open a backend client's circuit. */
    circuitFailures: source.int('BACKEND_CIRCUIT_FAILURES', 3, { min: 1, max: 1000 }),
    /** `BACKEND_PROBE_INTERVAL_MS` (default 250): how often an open circuit probes its backend. */
    probeIntervalMs: source.int('BACKEND_PROBE_INTERVAL_MS', 250, { min: 20, max: 60_000 }),
    /** `ROUTING_DRAIN_MS` (default 30000): how long a replaced backend client stays open. */
    drainMs: source.int('ROUTING_DRAIN_MS', 30_000, { min: 0, max: 600_000 }),
    /** `GCP_PROJECT_ID`: default Firestore project for the registry and firestore routes. */
    gcpProjectId: source.get('GCP_PROJECT_ID') ?? null,
    /** `FIRESTORE_EMULATOR_HOST` (`host:port`): points every Firestore client at an emulator. */
    firestoreEmulatorHost,
    /**
     * `ALLOW_FIRESTORE_EMULATOR` (default false): lets a staging/prod deployment run with
     * `firestoreEmulatorHost` (a test deployment); refused without it.
     */
    allowFirestoreEmulator: readAllowEmulator(
      source.get('ALLOW_FIRESTORE_EMULATOR'),
      firestoreEmulatorHost,
      source.env(),
      source.problems,
    ),
    /** Environment variables that routes may name (`password_env`, …). Read-only snapshot. */
    secrets: source.snapshot(),
  };
});

function readEmulatorHost(source: EnvironmentSource): string | null {
  const host = source.get('FIRESTORE_EMULATOR_HOST') ?? null;
  if (host !== null && !/^[^\s:/]+:\d{1,5}$/.test(host)) {
    source.problems.push(
      `FIRESTORE_EMULATOR_HOST must be host:port (for example 127.0.0.1:8080); got "${host}".`,
    );
  }
  return host;
}
