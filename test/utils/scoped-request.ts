import type { Role } from '../../src/common/request-context/principal';
import { signToken, type TokenClaims } from './tokens';

/** Headers of a scoped request: token with `role` in `tenant`, plus the context headers. */
export function scopedHeaders(
  opts: {
    tenant?: string;
    project?: string;
    env?: string;
    role?: Role;
    sub?: string;
    claims?: TokenClaims;
  } = {},
): Record<string, string> {
  const tenant = opts.tenant ?? 't_acme';
  return {
    Authorization: `Bearer ${signToken({ sub: opts.sub ?? 'u_alice', tenants: { [tenant]: opts.role ?? 'owner' }, ...opts.claims })}`,
    'X-Tenant-Id': tenant,
    'X-Env': opts.env ?? 'test',
    'X-Project-Id': opts.project ?? 'p_web',
  };
}
