import { ConfigError } from '../../config/config.error';
import { loadAppConfig } from '../../config/load-app-config';
import { chatBusConfig } from './chat-bus.config';

const base = { APP_ENV: 'prod', GCP_PROJECT_ID: 'proj', AUTH_JWT_SECRET: 'x'.repeat(32) };

describe('chat_bus settings', () => {
  it('bounds live chat feeds per instance with CHAT_MAX_SUBSCRIBERS (default 10000)', () => {
    expect(loadAppConfig(base).of(chatBusConfig).maxSubscribers).toBe(10_000);
    expect(
      loadAppConfig({ ...base, CHAT_MAX_SUBSCRIBERS: '2500' }).of(chatBusConfig).maxSubscribers,
    ).toBe(2500);
    for (const bad of ['0', 'lots', '1.5'])
      expect(() => loadAppConfig({ ...base, CHAT_MAX_SUBSCRIBERS: bad })).toThrow(
        /CHAT_MAX_SUBSCRIBERS must be an integer from 1 to 1000000/,
      );
  });

  it('reports a bad CHAT_MAX_SUBSCRIBERS together with the core problems', () => {
    let error: unknown;
    try {
      loadAppConfig({ ...base, PORT: 'eighty', CHAT_MAX_SUBSCRIBERS: 'lots' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/PORT[\s\S]*CHAT_MAX_SUBSCRIBERS/);
  });
});
