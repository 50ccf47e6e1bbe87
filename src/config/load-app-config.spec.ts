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
