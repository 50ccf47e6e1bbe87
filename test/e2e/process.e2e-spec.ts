import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort } from '../../tools/local-servers';
import { startAppProcess } from '../utils/app-process';
import { ensureBuilt } from '../utils/built-app';
import { mountedKinds } from '../utils/mounted-kinds';
import { emulatorAllowance, testFirestoreHost, uniqueProjectId } from '../utils/test-servers';
import { TEST_JWT_SECRET } from '../utils/tokens';

jest.setTimeout(180_000);
const root = join(__dirname, '..', '..');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm start` (the production entry point, `node dist/src/main.js`) until it exits. */
function npmStart(env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['start', '--silent'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        METADATA_SERVER_DETECTION: 'none',
        LOG_LEVEL: 'warn',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the production entry point (npm start)', () => {
  beforeAll(async () => {
    await ensureBuilt();
  });

  it('exits non-zero in prod on an empty Firestore registry, listing every mounted kind', async () => {
    const kinds = await mountedKinds();
    const result = await npmStart({
      APP_ENV: 'prod',
      PORT: String(await freePort()),
      GCP_PROJECT_ID: uniqueProjectId('npm-start'),
      FIRESTORE_EMULATOR_HOST: testFirestoreHost(),
      ...emulatorAllowance('prod'),
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('Routing registry is not ready for env=prod');
    for (const { kind } of kinds)
      expect(result.stderr).toContain(
        `${kind} @ t_system/prod/*: no route (tried t_system/prod/*)`,
      );
    expect(result.stdout).not.toContain('Listening on');
  });

  it('exits non-zero on invalid configuration, naming every bad variable', async () => {
    const result = await npmStart({ APP_ENV: 'production', AUTH_JWT_SECRET: 'short' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('APP_ENV "production" is not one of dev, test, staging, prod.');
    expect(result.stderr).toContain('AUTH_JWT_SECRET must be at least 32 bytes');
  });

  it('lists a bad LOG_LEVEL and an emulator in prod in the one configuration message', async () => {
    const result = await npmStart({
      APP_ENV: 'prod',
      GCP_PROJECT_ID: uniqueProjectId('npm-start'),
      FIRESTORE_EMULATOR_HOST: testFirestoreHost(),
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'loud',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Configuration is invalid (2 problems)');
    expect(result.stderr).toContain('LOG_LEVEL "loud" is not one of');
    expect(result.stderr).toContain('FIRESTORE_EMULATOR_HOST is set in prod');
    expect(result.stderr).toContain('ALLOW_FIRESTORE_EMULATOR=true');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('listens when the registry is complete, and shuts down cleanly (exit 0) on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seed-'));
    try {
      const seed = join(dir, 'routes.yaml');
      const kinds = await mountedKinds();
      await writeFile(
        seed,
        stringify({
          routes: kinds.map(({ kind }) => ({
            resource_kind: kind,
            tenant_id: 't_system',
            env: 'test',
            backend_type: 'memory',
          })),
        }),
      );
      const app = await startAppProcess({
        APP_ENV: 'test',
        REGISTRY_STORE: 'memory',
        REGISTRY_SEED_FILE: seed,
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
      });
      expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
      expect(await app.stop()).toBe(0);
      expect(app.output()).toContain('SIGTERM: shutting down');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
