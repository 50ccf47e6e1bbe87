import type { RouteInput } from '../route.types';
import { checkRoute, type PolicyContext } from './route-policy';

const ctx: PolicyContext = {
  supportedBackends: ['firestore', 'redis', 'memory'],
  defaultGcpProjectId: 'proj',
};
const r = (over: Partial<RouteInput>): RouteInput => ({
  resource_kind: 'chat_bus',
  tenant_id: 't_system',
  env: 'prod',
  project_id: null,
  backend_type: 'redis',
  config: { host: 'redis.internal' },
  ...over,
});
const messages = (route: RouteInput, c = ctx): string[] =>
  checkRoute(route, c).map((p) => p.message);

const chatKeys: PolicyContext = {
  ...ctx,
  kindConfigKeys: {
    redis: {
      stream_maxlen: {
        type: 'integer',
        check: (v: number) => (v >= 100 && v <= 1000 ? null : 'must be from 100 to 1000'),
      },
    },
  },
};

describe('route policy', () => {
  it('validates the config keys a kind adds to its routes like every key, naming the key', () => {
    const withCap = (stream_maxlen: unknown) =>
      r({ config: { host: 'redis.internal', stream_maxlen } });
    expect(messages(withCap(500), chatKeys)).toEqual([]);
    expect(messages(withCap(5), chatKeys)).toEqual([
      'config.stream_maxlen must be from 100 to 1000',
    ]);
    expect(messages(withCap('lots'), chatKeys)).toEqual([
      'config.stream_maxlen must be an integer',
    ]);
    // Only for the backend it is declared on, and only for the kind that declares it.
    expect(
      messages(
        r({ backend_type: 'memory', env: 'test', config: { stream_maxlen: 500 } }),
        chatKeys,
      )[0],
    ).toMatch(/config\.stream_maxlen is not a memory config key/);
    expect(messages(withCap(500))).toEqual([
      'config.stream_maxlen is not a redis config key (allowed: host, port, db, tls, username, password_env, key_prefix)',
    ]);
    expect(
      messages(r({ config: { host: 'redis.internal', streamcap: 1 } }), chatKeys)[0],
    ).toContain('allowed: host, port, db, tls, username, password_env, key_prefix, stream_maxlen)');
  });

  it('accepts a durable route with a real host in prod', () => {
    expect(checkRoute(r({}), ctx)).toEqual([]);
  });

  it.each(['memory', 'noop', 'local', 'tmp', 'filesystem'])(
    'refuses backend_type %s in prod and staging',
    (type) => {
      for (const env of ['prod', 'staging'] as const) {
        expect(
          messages(r({ env, backend_type: type as RouteInput['backend_type'], config: {} })),
        ).toEqual([
          `backend_type "${type}" is not allowed in ${env}: use a durable backend (firestore, redis or s3)`,
        ]);
      }
    },
  );

  it('accepts memory in dev and test, and calls noop unknown there', () => {
    expect(messages(r({ env: 'test', backend_type: 'memory', config: {} }))).toEqual([]);
    expect(
      messages(
        r({ env: 'dev', backend_type: 'noop' as RouteInput['backend_type'], config: {} }),
      )[0],
    ).toMatch(/not a known backend/);
  });

  it.each([
    'localhost',
    '127.0.0.1',
    '127.8.9.10',
    '::1',
    '[::1]',
    '0.0.0.0',
    '::',
    'api.localhost',
    '::ffff:127.0.0.1',
    '0:0:0:0:0:0:0:1',
  ])('refuses redis host %s in prod, accepts it in test', (host) => {
    expect(messages(r({ config: { host } }))[0]).toMatch(/loopback or unspecified/);
    expect(messages(r({ env: 'test', config: { host } }))).toEqual([]);
  });

  it('does not mistake real hosts for loopback', () => {
    for (const host of [
      '10.0.0.5',
      'redis.internal',
      '128.0.0.1',
      '::2',
      'localhost.example.com',
    ]) {
      expect(messages(r({ config: { host } }))).toEqual([]);
    }
  });

  it('refuses an S3 route without bucket or region, and a loopback endpoint in prod', () => {
    const s3 = { ...ctx, supportedBackends: ['s3' as const] };
    expect(messages(r({ backend_type: 's3', config: { region: 'eu-west-1' } }), s3)).toEqual([
      'config.bucket is required for backend_type "s3"',
    ]);
    expect(messages(r({ backend_type: 's3', config: { bucket: 'b-1' } }), s3)).toEqual([
      'config.region is required for backend_type "s3"',
    ]);
    expect(
      messages(
        r({
          backend_type: 's3',
          config: { bucket: 'b-1', region: 'x', endpoint: 'http://localhost:9000' },
        }),
        s3,
      )[0],
    ).toMatch(/s3 endpoint .* loopback/);
  });

  it('refuses keys that look like secrets and points at the *_env form', () => {
    expect(messages(r({ config: { host: 'h', password: 'hunter2' } }))).toEqual([
      'config.password looks like a secret: a route config never holds secrets; name an environment variable instead (for example password_env)',
    ]);
    for (const key of ['secret', 'token', 'api_key', 'credentials']) {
      expect(messages(r({ config: { host: 'h', [key]: 'x' } }))[0]).toMatch(/looks like a secret/);
    }
    expect(messages(r({ config: { host: 'h', password_env: 'REDIS_PASSWORD' } }))).toEqual([]);
  });

  it('refuses secrets in test too (a config never holds a secret)', () => {
    expect(messages(r({ env: 'test', config: { host: 'h', token: 'x' } }))[0]).toMatch(
      /looks like a secret/,
    );
  });

  it('refuses unknown keys, wrong types and an emulator named in config', () => {
    expect(messages(r({ config: { host: 'h', port: '6379', colour: 'blue' } }))).toEqual([
      'config.port must be an integer',
      'config.colour is not a redis config key (allowed: host, port, db, tls, username, password_env, key_prefix)',
    ]);
    expect(
      messages(
        r({
          resource_kind: 'feature_flags',
          backend_type: 'firestore',
          config: { emulator_host: 'x:1' },
        }),
      )[0],
    ).toMatch(/names an emulator/);
  });

  it('refuses a backend the kind does not support', () => {
    expect(messages(r({ backend_type: 's3', config: { bucket: 'abc', region: 'r' } }))).toEqual([
      'backend_type "s3" is not supported by chat_bus (supported: firestore, redis, memory)',
    ]);
  });

  it('refuses a Firestore route with no project id anywhere', () => {
    const noDefault = { ...ctx, defaultGcpProjectId: null };
    expect(messages(r({ backend_type: 'firestore', config: {} }), noDefault)[0]).toMatch(
      /no project id/,
    );
    expect(
      messages(r({ backend_type: 'firestore', config: { project_id: 'p' } }), noDefault),
    ).toEqual([]);
  });

  it('names the kind and scope in every problem', () => {
    const [problem] = checkRoute(
      r({ tenant_id: 't_acme', project_id: 'p_web', backend_type: 'memory', config: {} }),
      ctx,
    );
    expect(problem).toMatchObject({ resource_kind: 'chat_bus', scope: 't_acme/prod/p_web' });
  });
});
