import { sign } from 'jsonwebtoken';
import { authConfig } from '../../config/auth.config';
import { loadAppConfig } from '../../config/load-app-config';
import { AuthError } from '../../common/auth/auth.errors';
import { TOKEN_CLOCK_SKEW_SECONDS, TokenVerifier } from './token-verifier';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!';
const environment = { APP_ENV: 'test', REGISTRY_STORE: 'memory', AUTH_JWT_SECRET: SECRET };

function verifierWith(extra: Record<string, string> = {}): TokenVerifier {
  return new TokenVerifier(loadAppConfig({ ...environment, ...extra }).of(authConfig));
}

/** Signs exactly the given times: jsonwebtoken would otherwise add an `iat` of its own. */
function bearer(claims: { iat?: number; exp: number }): string {
  const payload = { sub: 'u_alice', tenants: { t_acme: 'owner' }, ...claims };
  const noTimestamp = claims.iat === undefined;
  return `Bearer ${sign(payload, SECRET, { algorithm: 'HS256', noTimestamp })}`;
}

function refusal(verifier: TokenVerifier, authorization: string): AuthError {
  try {
    verifier.verify(authorization);
  } catch (err) {
    return err as AuthError;
  }
  throw new Error('the token was accepted');
}

const now = (): number => Math.floor(Date.now() / 1000);

describe('TokenVerifier times', () => {
  it('accepts a token issued now for the default maximum of 24 h', () => {
    const t = now();
    expect(verifierWith().verify(bearer({ iat: t, exp: t + 86_400 })).subject).toBe('u_alice');
  });

  it('accepts an iat slightly ahead of its clock (skew allowance)', () => {
    const t = now() + TOKEN_CLOCK_SKEW_SECONDS - 5;
    expect(verifierWith().verify(bearer({ iat: t, exp: t + 3600 })).subject).toBe('u_alice');
  });

  it('refuses a token issued a day in the future, saying so', () => {
    const t = now() + 86_400;
    const err = refusal(verifierWith(), bearer({ iat: t, exp: t + 3600 }));
    expect(err.code).toBe('auth.invalid_token');
    expect(err.message).toMatch(/issued in the future.*check the issuer's clock/);
  });

  it('refuses a token that expires in year 9999', () => {
    const err = refusal(verifierWith(), bearer({ iat: now(), exp: 253_402_300_799 }));
    expect(err.code).toBe('auth.invalid_token');
    expect(err.message).toMatch(/lifetime too long.*AUTH_MAX_TOKEN_TTL of 86400 s/);
  });

  it('measures the lifetime from now when iat is absent', () => {
    const err = refusal(verifierWith(), bearer({ exp: now() + 2 * 86_400 }));
    expect(err.message).toMatch(/from now to exp/);
    expect(verifierWith().verify(bearer({ exp: now() + 3600 })).subject).toBe('u_alice');
  });

  it('follows AUTH_MAX_TOKEN_TTL', () => {
    const t = now();
    const token = bearer({ iat: t, exp: t + 7200 });
    expect(refusal(verifierWith({ AUTH_MAX_TOKEN_TTL: '1h' }), token).code).toBe(
      'auth.invalid_token',
    );
    expect(verifierWith({ AUTH_MAX_TOKEN_TTL: '7200' }).verify(token).subject).toBe('u_alice');
  });
});

describe('TokenVerifier, a token used again', () => {
  afterEach(() => jest.restoreAllMocks());

  it('refuses it once it has expired, though it was accepted before', () => {
    const verifier = verifierWith();
    const t = now();
    const token = bearer({ iat: t, exp: t + 60 });
    expect(verifier.verify(token).subject).toBe('u_alice');
    jest.spyOn(Date, 'now').mockReturnValue((t + 61) * 1000);
    expect(refusal(verifier, token).message).toMatch(/expired/);
  });

  it('refuses the same claims with another signature after accepting the real one', () => {
    const verifier = verifierWith();
    const t = now();
    const token = bearer({ iat: t, exp: t + 3600 });
    expect(verifier.verify(token).subject).toBe('u_alice');
    const forged = sign(
      { sub: 'u_alice', tenants: { t_acme: 'owner' }, iat: t, exp: t + 3600 },
      'another-secret-of-at-least-32-bytes!!',
      {
        algorithm: 'HS256',
      },
    );
    expect(refusal(verifier, `Bearer ${forged}`).message).toMatch(/invalid signature/);
  });

  it('refuses it before its nbf, as the first verification would', () => {
    const verifier = verifierWith();
    const t = now();
    const token = `Bearer ${sign({ sub: 'u_alice', tenants: {}, iat: t, nbf: t, exp: t + 3600 }, SECRET, { algorithm: 'HS256' })}`;
    expect(verifier.verify(token).subject).toBe('u_alice');
    jest.spyOn(Date, 'now').mockReturnValue((t - 30) * 1000);
    expect(refusal(verifier, token).message).toMatch(/jwt not active/);
  });
});
