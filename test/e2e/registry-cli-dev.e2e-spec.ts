import { runCommand, type CommandRun } from '../utils/run-command';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startFirestoreEmulator, type FirestoreEmulatorHandle } from '../../tools/local-servers';
import { ensureBuilt } from '../utils/built-app';
import { mountedKinds } from '../utils/mounted-kinds';

jest.setTimeout(120_000);

/** Runs the built CLI with nothing but PATH and HOME (and `env`) in its environment. */
const runCli = (
  cli: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CommandRun> => runCommand(process.execPath, [cli, ...args], env);

describe('registry CLI with no settings (a newcomer on npm run dev)', () => {
  let cli: string;
  let dir: string;
  beforeAll(async () => {
    cli = join(await ensureBuilt(), '..', 'cli', 'registry.cli.js');
    dir = await mkdtemp(join(tmpdir(), 'cli-dev-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('validates the dev seed for env dev with no variable', async () => {
    const res = await runCli(cli, ['validate', '--file', 'config/routes.dev.yaml', '--env', 'dev']);
    expect(res.stdout).toContain('config/routes.dev.yaml: ');
    expect(res.code).toBe(0);
  });

  it('reports every missing setting at once, and points at --dev', async () => {
    const res = await runCli(cli, ['coverage']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('cannot run (2 problems)');
    expect(res.stderr).toContain('pass --env');
    expect(res.stderr).toContain('GCP_PROJECT_ID is not set');
    expect(res.stderr).toContain('add --dev');
  });

  it('validate warns on stderr when the file has no route of a mounted kind for the env (exit 0)', async () => {
    const kinds = await mountedKinds();
    const file = join(dir, 'test-only.yaml');
    const routes = kinds.map(({ kind }) => ({
      resource_kind: kind,
      tenant_id: 't_system',
      env: 'test',
      backend_type: 'memory',
    }));
    await writeFile(file, stringify({ routes }));
    const prod = await runCli(cli, ['validate', '--file', file, '--env', 'prod']);
    expect(prod.code).toBe(0);
    expect(prod.stderr).toContain('has no route of a mounted kind for env=prod (its envs: test)');
    const test = await runCli(cli, ['validate', '--file', file, '--env', 'test']);
    expect(test.code).toBe(0);
    expect(test.stderr).toBe('');
  });

  describe('--dev against the dev stack', () => {
    let emulator: FirestoreEmulatorHandle;
    // npm run dev's emulator listens on 127.0.0.1:18080; this one takes a free port instead,
    // the only setting given.
    const dev = (): Record<string, string> => ({ FIRESTORE_EMULATOR_HOST: emulator.host });
    beforeAll(async () => {
      emulator = await startFirestoreEmulator();
    });
    afterAll(() => emulator.stop());

    it('apply, coverage and export need no other variable', async () => {
      const applied = await runCli(
        cli,
        ['apply', '--dev', '--file', 'config/routes.dev.yaml', '--no-probe'],
        dev(),
      );
      expect(applied.stderr).toBe('');
      expect(applied.code).toBe(0);
      const covered = await runCli(cli, ['coverage', '--dev'], dev());
      expect(covered.stdout).toContain('All covered.');
      expect(covered.stdout).toContain('feature_flags @ t_system/dev/*');
      expect(covered.code).toBe(0);
      const exported = await runCli(cli, ['export', '--dev'], dev());
      expect(exported.code).toBe(0);
      expect(exported.stdout).toContain('updated_by: cli:');
      expect(exported.stdout).toContain('env: dev');
    });
  });
});
