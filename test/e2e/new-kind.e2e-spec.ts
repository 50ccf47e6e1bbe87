import { execFile, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

/** The checkout as it is (tracked and new files), without node_modules, in a temp folder. */
function copyOfCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'new-kind-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT })
    .toString()
    .split('\n')
    .filter((f) => f !== '' && existsSync(join(ROOT, f)));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(dir, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The environment of a child run: this run's servers are not theirs (they start their own). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
  for (const name of Object.keys(env)) if (name.startsWith('TEST_')) delete env[name];
  delete env.JEST_WORKER_ID;
  return env;
}

const bin = (dir: string, path: string): string => join(dir, 'node_modules', path);

/**
 * `npm run new-kind` writes an 18th kind that passes the type check, lint and its own tests as
 * generated. It runs in a copy of the checkout, so this checkout never holds the new kind.
 */
describe('npm run new-kind', () => {
  let dir: string;

  beforeAll(() => {
    dir = copyOfCheckout();
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a name that is not snake_case or that exists, saying why', async () => {
    const bad = run('npm', ['run', '-s', 'new-kind', '--', 'DemoKind'], {
      cwd: dir,
      env: childEnv(),
    });
    await expect(bad).rejects.toMatchObject({
      stderr: expect.stringMatching(/must be snake_case/),
    });
    const taken = run('npm', ['run', '-s', 'new-kind', '--', 'feature_flags'], {
      cwd: dir,
      env: childEnv(),
    });
    await expect(taken).rejects.toMatchObject({ stderr: expect.stringMatching(/exists already/) });
  });

  it('writes demo_kind, mounted and seeded, passing typecheck, lint and its own tests', async () => {
    const env = childEnv();
    await run('npm', ['run', '-s', 'new-kind', '--', 'demo_kind'], { cwd: dir, env });

    expect(readFileSync(join(dir, 'src/features.ts'), 'utf8')).toMatch(/DemoKindModule,\n\];/);
    expect(readFileSync(join(dir, 'config/routes.dev.yaml'), 'utf8')).toMatch(
      /resource_kind: demo_kind\n/,
    );
    const generated = [
      'src/features/demo-kind',
      'test/contract/demo-kind.repository.contract.ts',
      'test/contract/demo-kind.repository.memory.spec.ts',
      'test/integration/firestore/demo-kind.repository.firestore.spec.ts',
      'test/e2e/demo-kind.e2e-spec.ts',
    ];
    for (const path of generated) expect(existsSync(join(dir, path))).toBe(true);

    await run(
      process.execPath,
      [bin(dir, 'typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'],
      { cwd: dir, env },
    );
    await run(
      process.execPath,
      [bin(dir, 'eslint/bin/eslint.js'), ...generated, 'src/features.ts'],
      { cwd: dir, env },
    );
    await run(
      process.execPath,
      [bin(dir, 'prettier/bin/prettier.cjs'), '--check', ...generated, 'src/features.ts'],
      {
        cwd: dir,
        env,
      },
    );
    await run(
      process.execPath,
      [
        bin(dir, 'dependency-cruiser/bin/dependency-cruiser.mjs'),
        'src',
        '--config',
        '.dependency-cruiser.cjs',
      ],
      { cwd: dir, env },
    );

    const jest = await run(
      process.execPath,
      [bin(dir, 'jest/bin/jest.js'), 'demo-kind', '--maxWorkers=1', '--ci'],
      {
        cwd: dir,
        env,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const summary = `${jest.stdout}\n${jest.stderr}`;
    expect(summary).toMatch(/Test Suites: 4 passed, 4 total/);
    expect(summary).not.toMatch(/failed/);
  }, 300_000);
});
