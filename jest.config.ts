import type { Config } from 'jest';

type Project = NonNullable<Config['projects']>[number] & object;

/** What every tier shares. */
const base: Project = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/setup/env.ts'],
};

/**
 * Tiers that need real servers: the global setup starts a Firestore emulator, a
 * redis-server and an S3 server on free loopback ports. Jest runs one global setup per
 * distinct module, so they start once per run however many of these tiers run, and not at
 * all when only unit specs run.
 */
const onServers: Project = {
  ...base,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

/**
 * The test tiers, each runnable alone with `--selectProjects <name>` (`npm run test:<name>`):
 * - unit: specs beside the code, and the architecture rules; no servers.
 * - contract: one behavioural suite per repository port, in memory (test/contract) and on
 *   the real servers (test/integration).
 * - e2e: the whole app over HTTP and as a process.
 * - faults: servers stopped, frozen and killed under the app (about 2 minutes).
 * - sweep: every operation of the OpenAPI document sent malformed input.
 * `npm test` runs them all; a path pattern (`npm test -- feature-flags`) filters every tier.
 */
const config: Config = {
  testTimeout: 30_000,
  maxWorkers: 2,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/architecture/**/*.spec.ts'],
    },
    {
      ...onServers,
      displayName: 'contract',
      // Firestore suites check each query the code runs against firestore.indexes.json.
      setupFilesAfterEnv: ['<rootDir>/test/setup/firestore-index-check.ts'],
      testMatch: [
        '<rootDir>/test/contract/**/*.spec.ts',
        '<rootDir>/test/integration/**/*.spec.ts',
      ],
    },
    { ...onServers, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    {
      ...onServers,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'],
    },
    { ...onServers, displayName: 'sweep', testMatch: ['<rootDir>/test/sweep/**/*.e2e-spec.ts'] },
  ],
};

export default config;
