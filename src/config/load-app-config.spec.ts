import { ConfigError } from './config.error';
import { loadAppConfig } from './load-app-config';

const base = { APP_ENV: 'prod', GCP_PROJECT_ID: 'proj', AUTH_JWT_SECRET: 'x'.repeat(32) };

describe('loadAppConfig', () => {
  it('reads a valid configuration with defaults', () => {
    const config = loadAppConfig(base);
    expect(config).toMatchObject({
      env: 'prod',
      port: 3000,
      host: '0.0.0.0',
      registryStore: 'firestore',
      backendTimeoutMs: 5000,
    });
    expect(config.requiredScopes.map(String)).toEqual(['t_system/prod/*']);
  });

  it('lists every problem at once, naming each variable', () => {
    let error: unknown;
    try {
      loadAppConfig({
        APP_ENV: 'qa',
        PORT: 'eighty',
        AUTH_JWT_SECRET: 'short',
        REGISTRY_STORE: 'disk',
        ROUTING_REQUIRED_SCOPES: 'acme',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['APP_ENV', 'PORT', 'AUTH_JWT_SECRET', 'REGISTRY_STORE', 'GCP_PROJECT_ID'])
      expect(problems).toContain(name);
  });

  it('bounds live chat feeds per instance with CHAT_MAX_SUBSCRIBERS (default 10000)', () => {
    expect(loadAppConfig(base).chatMaxSubscribers).toBe(10_000);
    expect(loadAppConfig({ ...base, CHAT_MAX_SUBSCRIBERS: '2500' }).chatMaxSubscribers).toBe(2500);
    for (const bad of ['0', 'lots', '1.5'])
      expect(() => loadAppConfig({ ...base, CHAT_MAX_SUBSCRIBERS: bad })).toThrow(
        /CHAT_MAX_SUBSCRIBERS must be an integer from 1 to 1000000/,
      );
  });

  it('refuses the in-memory registry outside dev and test', () => {
    expect(() => loadAppConfig({ ...base, REGISTRY_STORE: 'memory' })).toThrow(
      /REGISTRY_STORE=memory is not allowed in prod/,
    );
    expect(
      loadAppConfig({ ...base, APP_ENV: 'test', REGISTRY_STORE: 'memory' }).registryStore,
    ).toBe('memory');
  });

  it('adds ROUTING_REQUIRED_SCOPES to t_system in the deployment env', () => {
    const config = loadAppConfig({
      ...base,
      APP_ENV: 'stage',
      ROUTING_REQUIRED_SCOPES: 't_acme, t_acme/p_web,t_acme',
    });
    expect(config.requiredScopes.map(String)).toEqual([
      't_system/staging/*',
      't_acme/staging/*',
      't_acme/staging/p_web',
    ]);
  });

  it('refuses a malformed required scope', () => {
    expect(() => loadAppConfig({ ...base, ROUTING_REQUIRED_SCOPES: 't_acme/web' })).toThrow(
      /ROUTING_REQUIRED_SCOPES entry "t_acme\/web"/,
    );
  });
});

describe('loadAppConfig: logging, token lifetime, emulator', () => {
  const problemsOf = (environment: Record<string, string>): string[] => {
    try {
      loadAppConfig(environment);
    } catch (err) {
      return (err as ConfigError).problems;
    }
    return [];
  };

  it('lists an unknown LOG_LEVEL with the other problems', () => {
    const problems = problemsOf({ ...base, LOG_LEVEL: 'loud', PORT: 'eighty' });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL "loud" is not one of .*silent/);
    expect(loadAppConfig({ ...base, LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(loadAppConfig({ ...base, LOG_LEVEL: 'WARN' }).logLevel).toBe('warn');
  });

  it('reads AUTH_MAX_TOKEN_TTL as seconds or with a unit (default 24 h)', () => {
    expect(loadAppConfig(base).authMaxTokenTtlSeconds).toBe(86_400);
    expect(loadAppConfig({ ...base, AUTH_MAX_TOKEN_TTL: '3600' }).authMaxTokenTtlSeconds).toBe(
      3600,
    );
    expect(loadAppConfig({ ...base, AUTH_MAX_TOKEN_TTL: '90m' }).authMaxTokenTtlSeconds).toBe(5400);
    expect(problemsOf({ ...base, AUTH_MAX_TOKEN_TTL: 'forever' }).join('\n')).toMatch(
      /AUTH_MAX_TOKEN_TTL must be a duration.*"24h"/,
    );
  });

  it('refuses FIRESTORE_EMULATOR_HOST in staging and prod unless ALLOW_FIRESTORE_EMULATOR=true', () => {
    const emulator = { ...base, FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080' };
    for (const env of ['staging', 'prod']) {
      const problems = problemsOf({ ...emulator, APP_ENV: env });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /FIRESTORE_EMULATOR_HOST is set in .*Unset FIRESTORE_EMULATOR_HOST, or set ALLOW_FIRESTORE_EMULATOR=true/,
      );
    }
    const allowed = loadAppConfig({ ...emulator, ALLOW_FIRESTORE_EMULATOR: 'true' });
    expect(allowed.allowFirestoreEmulator).toBe(true);
    expect(loadAppConfig({ ...emulator, APP_ENV: 'dev' }).firestoreEmulatorHost).toBe(
      '127.0.0.1:8080',
    );
    expect(problemsOf({ ...base, ALLOW_FIRESTORE_EMULATOR: 'yes' })[0]).toMatch(
      /ALLOW_FIRESTORE_EMULATOR must be true or false/,
    );
  });
});
