import { Injectable } from '@nestjs/common';
import { verify, type JwtPayload } from 'jsonwebtoken';
import { AppConfig } from '../../config/app-config';
import { PROJECT_ID_FORMAT, TENANT_ID_FORMAT } from '../scope/scope';
import { ROLES, type Principal, type Role } from '../request-context/principal';
import { AuthError } from './auth.errors';

/**
 * Verifies `Authorization: Bearer <JWT>` (HS256, `AUTH_JWT_SECRET`) and reads the caller's
 * roles from its claims. Roles come only from the token.
 */
@Injectable()
export class TokenVerifier {
  constructor(private readonly config: AppConfig) {}

  verify(authorization: string | undefined): Principal {
    if (authorization === undefined || authorization.trim() === '') throw AuthError.missingToken();
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (match === null)
      throw AuthError.invalidToken('the Authorization header is not "Bearer <token>"');
    let payload: JwtPayload;
    try {
      payload = verify(match[1] as string, this.config.jwtSecret, {
        algorithms: ['HS256'],
      }) as JwtPayload;
    } catch (err) {
      const name = (err as Error).name;
      throw AuthError.invalidToken(
        name === 'TokenExpiredError' ? 'expired' : (err as Error).message,
      );
    }
    return principalFrom(payload);
  }
}

function principalFrom(payload: JwtPayload): Principal {
  if (typeof payload.sub !== 'string' || payload.sub === '')
    throw AuthError.invalidToken('sub claim missing');
  if (typeof payload.exp !== 'number') throw AuthError.invalidToken('exp claim missing');
  const tenants: Record<string, Role> = {};
  const rawTenants: unknown = payload.tenants ?? {};
  if (typeof rawTenants !== 'object' || rawTenants === null)
    throw AuthError.invalidToken('tenants claim is not an object');
  for (const [tenant, role] of Object.entries(rawTenants)) {
    if (!TENANT_ID_FORMAT.test(tenant) || !(ROLES as readonly unknown[]).includes(role)) {
      throw AuthError.invalidToken(`tenants claim has an invalid entry "${tenant}"`);
    }
    tenants[tenant] = role as Role;
  }
  const projects: Record<string, string[]> = {};
  const rawProjects: unknown = payload.projects ?? {};
  if (typeof rawProjects !== 'object' || rawProjects === null)
    throw AuthError.invalidToken('projects claim is not an object');
  for (const [tenant, list] of Object.entries(rawProjects)) {
    if (
      !Array.isArray(list) ||
      !list.every((p) => typeof p === 'string' && PROJECT_ID_FORMAT.test(p))
    ) {
      throw AuthError.invalidToken(`projects claim for "${tenant}" is not a list of project ids`);
    }
    projects[tenant] = list as string[];
  }
  return {
    subject: payload.sub,
    tenants,
    projects,
    registryAdmin: payload.registry_admin === true,
  };
}
