import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { verify, type JwtPayload } from 'jsonwebtoken';
import { authConfig } from '../../config/auth.config';
import { PROJECT_ID_FORMAT, TENANT_ID_FORMAT } from '../../common/scope/scope';
import { ROLES, type Principal, type Role } from '../../common/request-context/principal';
import { AuthError } from '../../common/auth/auth.errors';

/**
 * How far in the future a token's `iat` may be: clocks of the issuer and of this service
 * disagree by a few seconds; a token issued further ahead was minted wrongly or forged.
 */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;

/** Verified tokens remembered (about 1 KiB each). */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Verifies `Authorization: Bearer <JWT>` (HS256, `AUTH_JWT_SECRET`) and reads the caller's
 * roles from its claims. Roles come only from the token. Refuses tokens issued in the future
 * (beyond {@link TOKEN_CLOCK_SKEW_SECONDS}) and lifetimes over `AUTH_MAX_TOKEN_TTL`, so a
 * leaked long-lived token cannot serve for years.
 */
@Injectable()
export class TokenVerifier {
  /**
   * The secret as a KeyObject, made once: given a string, jsonwebtoken first tries it as a
   * public key on every call and builds (and throws away) an error before taking it as a
   * secret, which was most of a verification's cost.
   */
  private readonly key: KeyObject;

  constructor(@Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>) {
    this.key = createSecretKey(Buffer.from(auth.jwtSecret));
  }

  /**
   * Tokens already verified, with what they grant: a client sends the same token on every
   * request for its lifetime, and its signature and claims do not change. Keyed by the
   * whole token (signature included), so only a token that passed verification hits; the
   * time checks run again on every use. Bounded: the oldest entry leaves first.
   */
  private readonly verified = new Map<string, { payload: JwtPayload; principal: Principal }>();

  verify(authorization: string | undefined): Principal {
    if (authorization === undefined || authorization.trim() === '') throw AuthError.missingToken();
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (match === null)
      throw AuthError.invalidToken('the Authorization header is not "Bearer <token>"');
    const token = match[1] as string;
    const now = Math.floor(Date.now() / 1000);
    const known = this.verified.get(token);
    if (known !== undefined) {
      try {
        checkValidity(known.payload, now);
        this.checkTimes(known.payload, now);
      } catch (err) {
        this.verified.delete(token);
        throw err;
      }
      return known.principal;
    }
    let payload: JwtPayload;
    try {
      payload = verify(token, this.key, {
        algorithms: ['HS256'],
      }) as JwtPayload;
    } catch (err) {
      const name = (err as Error).name;
      throw AuthError.invalidToken(
        name === 'TokenExpiredError' ? 'expired' : (err as Error).message,
      );
    }
    this.checkTimes(payload, now);
    const principal = principalFrom(payload);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) {
      this.verified.delete(this.verified.keys().next().value as string);
    }
    this.verified.set(token, { payload, principal });
    return principal;
  }

  private checkTimes(payload: JwtPayload, now: number): void {
    const { iat, exp } = payload;
    if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat)))
      throw AuthError.invalidToken('iat claim is not a number of seconds');
    if (iat !== undefined && iat > now + TOKEN_CLOCK_SKEW_SECONDS) {
      throw AuthError.invalidToken(
        `issued in the future: iat is ${iat - now} s ahead of this server's clock ` +
          `(at most ${TOKEN_CLOCK_SKEW_SECONDS} s allowed); check the issuer's clock`,
      );
    }
    if (typeof exp !== 'number') return;
    const max = this.auth.maxTokenTtlSeconds;
    const lifetime = exp - (iat ?? now);
    if (lifetime > max) {
      throw AuthError.invalidToken(
        `lifetime too long: ${lifetime} s from ${iat === undefined ? 'now' : 'iat'} to exp, ` +
          `over AUTH_MAX_TOKEN_TTL of ${max} s; issue a shorter-lived token`,
      );
    }
  }
}

/**
 * The time checks jsonwebtoken's `verify` makes (`exp`, `nbf`), with its messages, for a
 * token whose signature was verified before.
 */
function checkValidity(payload: JwtPayload, now: number): void {
  if (payload.nbf !== undefined && payload.nbf > now)
    throw AuthError.invalidToken('jwt not active');
  if (payload.exp !== undefined && now >= payload.exp) throw AuthError.invalidToken('expired');
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
