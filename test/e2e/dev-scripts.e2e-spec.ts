import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { TokenVerifier } from '../../src/infra/auth/token-verifier';
import { authConfig } from '../../src/config/auth.config';
import { loadAppConfig } from '../../src/config/load-app-config';
import { DEV } from '../../scripts/dev-defaults';

jest.setTimeout(60_000);
const root = join(__dirname, '..', '..');

function npmToken(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'npm',
      ['run', '-s', 'token', '--', ...args],
      { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run -s token', () => {
  const verifier = new TokenVerifier(
    loadAppConfig({ APP_ENV: 'dev', REGISTRY_STORE: 'memory', AUTH_JWT_SECRET: DEV.jwtSecret }).of(
      authConfig,
    ),
  );

  it('prints only the token on stdout, and the app accepts it', async () => {
    const run = await npmToken(['--sub', 'u_alice', '--tenant', 't_acme:owner']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const principal = verifier.verify(`Bearer ${run.stdout.trim()}`);
    expect(principal).toMatchObject({ subject: 'u_alice', tenants: { t_acme: 'owner' } });
  });

  it('refuses a --ttl the app would refuse (over AUTH_MAX_TOKEN_TTL)', async () => {
    const run = await npmToken(['--sub', 'u_alice', '--ttl', '172800']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('over AUTH_MAX_TOKEN_TTL (86400 s)');
    const longer = await npmToken(['--sub', 'u_alice', '--ttl', '172800'], {
      AUTH_MAX_TOKEN_TTL: '3d',
    });
    expect(longer.code).toBe(0);
  });
});
