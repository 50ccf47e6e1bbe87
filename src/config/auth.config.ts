import { defineConfig } from './config-namespace';
import { readDurationSeconds } from './config-readers';

const MIN_SECRET_BYTES = 32;
const DAY_SECONDS = 86_400;

/** How request tokens are verified. */
export const authConfig = defineConfig('auth', (source) => {
  const jwtSecret = source.get('AUTH_JWT_SECRET') ?? '';
  if (Buffer.byteLength(jwtSecret) < MIN_SECRET_BYTES) {
    source.problems.push(
      `AUTH_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes (HS256); ` +
        `it is ${jwtSecret === '' ? 'not set' : `${Buffer.byteLength(jwtSecret)} bytes`}.`,
    );
  }
  return {
    /** `AUTH_JWT_SECRET`: HS256 secret, at least 32 bytes. */
    jwtSecret,
    /**
     * `AUTH_MAX_TOKEN_TTL` (default 24 h; seconds or `90m`, `24h`, `7d`): longest token
     * lifetime (exp − iat) accepted, in seconds.
     */
    maxTokenTtlSeconds: readDurationSeconds(
      'AUTH_MAX_TOKEN_TTL',
      source.get('AUTH_MAX_TOKEN_TTL'),
      DAY_SECONDS,
      { min: 60, max: 30 * DAY_SECONDS },
      source.problems,
    ),
  };
});
