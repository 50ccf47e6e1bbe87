import type { Config } from 'jest';

/**
 * One jest run covers unit specs (beside the code), contract suites run on real servers
 * (test/integration), and e2e suites (test/e2e). The global setup starts a Firestore
 * emulator, a redis-server and an S3 server on free loopback ports once per run.
 */
const config: Config = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Unit specs beside the code, e2e suites in test/e2e, fault suites (servers stopped, frozen,
  // killed) in test/faults.
  testRegex: '(src|test)/.*\\.(spec|e2e-spec|faults-spec)\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/test/setup/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup/firestore-index-check.ts'],
  testTimeout: 30_000,
  maxWorkers: 2,
};

export default config;
