import { sign } from 'jsonwebtoken';
import type { Role } from '../../src/common/request-context/principal';

/** The HS256 secret every test app is configured with (32+ bytes). */
export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-bytes-long!';

export interface TokenClaims {
  sub?: string;
  tenants?: Record<string, Role>;
  projects?: Record<string, string[]>;
  registry_admin?: boolean;
  /** Seconds from now; negative for an expired token. Default one hour. */
  expiresIn?: number;
}

/** Signs a token the way the platform's identity service would. */
export function signToken(claims: TokenClaims = {}, secret = TEST_JWT_SECRET): string {
  const { expiresIn = 3600, sub = 'u_alice', ...rest } = claims;
  const now = Math.floor(Date.now() / 1000);
  return sign({ sub, ...rest, iat: now, exp: now + expiresIn }, secret, { algorithm: 'HS256' });
}
