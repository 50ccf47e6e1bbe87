import { sign } from 'jsonwebtoken';
import { parseArgs } from 'node:util';
import { parseDurationSeconds } from '../src/config/config-readers';
import { DEV } from './dev-defaults';

const USAGE = `Usage: npm run token -- --sub u_alice --tenant t_acme:owner [--tenant t_beta:viewer]
                      [--project t_acme:p_web] [--registry-admin] [--ttl 3600]
Signs an HS256 JWT with AUTH_JWT_SECRET (or the local dev secret when it is not set).
Roles: viewer, member, admin, owner.`;

/** Prints a token for the configured secret. */
function main(): void {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      tenant: { type: 'string', multiple: true, default: [] },
      project: { type: 'string', multiple: true, default: [] },
      'registry-admin': { type: 'boolean', default: false },
      ttl: { type: 'string', default: '28800' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || values.sub === undefined) fail(values.help ? '' : '--sub is required.');
  const tenants: Record<string, string> = {};
  for (const item of values.tenant) {
    const [tenant, role] = item.split(':');
    if (!tenant?.startsWith('t_') || !['viewer', 'member', 'admin', 'owner'].includes(role ?? '')) {
      fail(
        `--tenant "${item}" must be t_<tenant>:<role> with role viewer, member, admin or owner.`,
      );
    }
    tenants[tenant] = role as string;
  }
  const projects: Record<string, string[]> = {};
  for (const item of values.project) {
    const [tenant, project] = item.split(':');
    if (!tenant?.startsWith('t_') || !project?.startsWith('p_'))
      fail(`--project "${item}" must be t_<tenant>:p_<project>.`);
    (projects[tenant] ??= []).push(project);
  }
  const ttl = Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl <= 0) fail('--ttl must be a positive number of seconds.');
  // The server refuses longer lifetimes; failing here beats handing out a token that never works.
  const maxTtl = parseDurationSeconds(process.env.AUTH_MAX_TOKEN_TTL ?? '24h') ?? 86_400;
  if (ttl > maxTtl)
    fail(`--ttl ${ttl} is over AUTH_MAX_TOKEN_TTL (${maxTtl} s): the app would refuse the token.`);
  const secret = process.env.AUTH_JWT_SECRET ?? DEV.jwtSecret;
  if (process.env.AUTH_JWT_SECRET === undefined)
    process.stderr.write('AUTH_JWT_SECRET is not set: signing with the local dev secret.\n');
  const claims = {
    sub: values.sub,
    tenants,
    ...(values.project.length ? { projects } : {}),
    ...(values['registry-admin'] ? { registry_admin: true } : {}),
  };
  process.stdout.write(`${sign(claims, secret, { algorithm: 'HS256', expiresIn: ttl })}\n`);
}

function fail(message: string): never {
  process.stderr.write(`${message ? `${message}\n` : ''}${USAGE}\n`);
  process.exit(message ? 2 : 0);
}

main();
