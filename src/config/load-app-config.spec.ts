import { appConfig } from './app.config';
import { authConfig } from './auth.config';
import { backendsConfig } from './backends.config';
import { ConfigError } from './config.error';
import { loadAppConfig } from './load-app-config';
import { loggingConfig } from './logging.config';
import { registryConfig } from './registry.config';

const base = { APP_ENV: 'prod', GCP_PROJECT_ID: 'proj', AUTH_JWT_SECRET: 'x'.repeat(32) };

describe('loadAppConfig', () => {
  it('reads a valid configuration with defaults', () => {
    const config = loadAppConfig(base);
    expect(config.of(appConfig)).toMatchObject({ env: 'prod', port: 3000, host: '0.0.0.0' });
    expect(config.of(registryConfig).store).toBe('firestore');
    expect(config.of(backendsConfig).timeoutMs).toBe(5000);
    expect(config.of(registryConfig).requiredScopes.map(String)).toEqual(['t_system/prod/*']);
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

  it('refuses the in-memory registry outside dev and test', () => {
    expect(() => loadAppConfig({ ...base, REGISTRY_STORE: 'memory' })).toThrow(
      /REGISTRY_STORE=memory is not allowed in prod/,
    );
    expect(
      loadAppConfig({ ...base, APP_ENV: 'test', REGISTRY_STORE: 'memory' }).of(registryConfig)
        .store,
    ).toBe('memory');
  });

  it('adds ROUTING_REQUIRED_SCOPES to t_system in the deployment env', () => {
    const config = loadAppConfig({
      ...base,
      APP_ENV: 'stage',
      ROUTING_REQUIRED_SCOPES: 't_acme, t_acme/p_web,t_acme',
    });
    expect(config.of(registryConfig).requiredScopes.map(String)).toEqual([
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
    expect(loadAppConfig({ ...base, LOG_LEVEL: 'silent' }).of(loggingConfig).level).toBe('silent');
    expect(loadAppConfig({ ...base, LOG_LEVEL: 'WARN' }).of(loggingConfig).level).toBe('warn');
  });

  it('reads AUTH_MAX_TOKEN_TTL as seconds or with a unit (default 24 h)', () => {
    const ttlOf = (value: string | undefined): number =>
      loadAppConfig({ ...base, AUTH_MAX_TOKEN_TTL: value }).of(authConfig).maxTokenTtlSeconds;
    expect(ttlOf(undefined)).toBe(86_400);
    expect(ttlOf('3600')).toBe(3600);
    expect(ttlOf('90m')).toBe(5400);
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
    expect(allowed.of(backendsConfig).allowFirestoreEmulator).toBe(true);
    expect(
      loadAppConfig({ ...emulator, APP_ENV: 'dev' }).of(backendsConfig).firestoreEmulatorHost,
    ).toBe('127.0.0.1:8080');
    expect(problemsOf({ ...base, ALLOW_FIRESTORE_EMULATOR: 'yes' })[0]).toMatch(
      /ALLOW_FIRESTORE_EMULATOR must be true or false/,
    );
  });
});
