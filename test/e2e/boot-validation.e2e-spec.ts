import type { MountedKind } from '../../src/routing/kind-catalog';
import type { RouteInput } from '../../src/routing/route.types';
import { createTestApp } from '../utils/create-test-app';
import { mountedKinds } from '../utils/mounted-kinds';
import { RegistryWriter } from '../utils/registry-writer';
import { route } from '../utils/routes';
import { freePort } from '../../tools/local-servers';
import { testRedis, testS3, uniqueProjectId } from '../utils/test-servers';

/**
 * Writes `routes` straight into a fresh Firestore registry (as an operator editing Firestore
 * by hand could), boots the app on it, and returns the boot error message ('' if it booted).
 */
async function bootError(
  env: 'prod' | 'test',
  routes: RouteInput[],
  environment: Record<string, string> = {},
): Promise<string> {
  const projectId = uniqueProjectId('boot');
  const writer = new RegistryWriter(projectId);
  try {
    await writer.put(...routes);
    const t = await createTestApp({
      env,
      registry: 'firestore',
      seed: false,
      firestoreProjectId: projectId,
      environment,
    });
    await t.close();
    return '';
  } catch (err) {
    return (err as Error).message;
  } finally {
    await writer.close();
  }
}

const unsafe = (type: string): RouteInput['backend_type'] => type as RouteInput['backend_type'];

describe('boot validation', () => {
  let kinds: MountedKind[];
  beforeAll(async () => {
    kinds = await mountedKinds();
  });

  it('refuses to start in prod on an empty Firestore registry, naming every mounted kind at t_system/prod/*', async () => {
    const message = await bootError('prod', []);
    expect(message).toContain(
      `Routing registry is not ready for env=prod (${kinds.length} problem`,
    );
    for (const { kind } of kinds)
      expect(message).toContain(`  - ${kind} @ t_system/prod/*: no route (tried t_system/prod/*)`);
  });

  it('also requires the scopes in ROUTING_REQUIRED_SCOPES, naming every scope tried', async () => {
    const durable = (backends: readonly string[]): Pick<RouteInput, 'backend_type' | 'config'> =>
      backends.includes('firestore')
        ? { backend_type: 'firestore', config: {} }
        : backends.includes('redis')
          ? { backend_type: 'redis', config: { host: 'redis.internal' } }
          : { backend_type: 's3', config: { bucket: 'acme-prod', region: 'eu-west-1' } };
    const allButFlags = kinds
      .filter(({ kind }) => kind !== 'feature_flags')
      .map(({ kind, backends }) =>
        route({ resource_kind: kind, env: 'prod', ...durable(backends) }),
      );
    const message = await bootError('prod', allButFlags, {
      ROUTING_REQUIRED_SCOPES: 't_acme/p_web',
    });
    expect(message).toContain('Routing registry is not ready for env=prod (2 problems)');
    expect(message).toContain(
      '  - feature_flags @ t_system/prod/*: no route (tried t_system/prod/*)',
    );
    expect(message).toContain(
      '  - feature_flags @ t_acme/prod/p_web: no route (tried t_acme/prod/p_web, t_acme/prod/*, t_system/prod/*)',
    );
  });

  const cases: [string, Partial<RouteInput>, string][] = [
    ['memory', { backend_type: 'memory' }, 'backend_type "memory" is not allowed in prod'],
    ['noop', { backend_type: unsafe('noop') }, 'backend_type "noop" is not allowed in prod'],
    ['local', { backend_type: unsafe('local') }, 'backend_type "local" is not allowed in prod'],
    ['tmp', { backend_type: unsafe('tmp') }, 'backend_type "tmp" is not allowed in prod'],
    [
      'filesystem',
      { backend_type: unsafe('filesystem') },
      'backend_type "filesystem" is not allowed in prod',
    ],
    [
      'redis on localhost',
      { resource_kind: 'chat_bus', backend_type: 'redis', config: { host: 'localhost' } },
      'redis host "localhost" is a loopback',
    ],
    [
      'redis on 127.0.0.1',
      { resource_kind: 'chat_bus', backend_type: 'redis', config: { host: '127.0.0.1' } },
      'redis host "127.0.0.1" is a loopback',
    ],
    [
      'redis on ::1',
      { resource_kind: 'chat_bus', backend_type: 'redis', config: { host: '::1' } },
      'redis host "::1" is a loopback',
    ],
    [
      'S3 without bucket',
      { resource_kind: 'raw_storage', backend_type: 's3', config: { region: 'eu-west-1' } },
      'config.bucket is required',
    ],
    [
      'a password in config',
      { backend_type: 'firestore', config: { password: 'hunter2' } },
      'config.password looks like a secret',
    ],
  ];

  it.each(cases)(
    'in prod, refuses a route with %s at boot, naming its kind and scope',
    async (_name, over, expected) => {
      const bad = route({
        resource_kind: 'feature_flags',
        tenant_id: 't_acme',
        env: 'prod',
        project_id: 'p_web',
        ...over,
      });
      const message = await bootError('prod', [bad]);
      const line = message
        .split('\n')
        .find((l) => l.startsWith(`  - ${bad.resource_kind} @ t_acme/prod/p_web: `));
      expect(line).toContain(expected);
    },
  );

  it('pings the backends of required routes at boot: a dead one stops the app, a live one does not', async () => {
    const { port } = testRedis();
    const dead = await freePort();
    const required = (tenant: string, redisPort: number): RouteInput =>
      route({
        resource_kind: 'rate_limit',
        tenant_id: tenant,
        backend_type: 'redis',
        config: { host: '127.0.0.1', port: redisPort },
        required: true,
      });
    const memoryEverywhere = kinds.map(({ kind }) =>
      route({ resource_kind: kind, backend_type: 'memory' }),
    );
    expect(await bootError('test', [...memoryEverywhere, required('t_live', port)])).toBe('');
    const message = await bootError('test', [
      ...memoryEverywhere,
      required('t_live', port),
      required('t_dead', dead),
    ]);
    expect(message).toContain('Routing registry is not ready for env=test (1 problem)');
    expect(message).toContain(
      '  - rate_limit @ t_dead/test/*: required backend did not answer a ping',
    );
  });

  it('accepts the same memory and loopback routes in test', async () => {
    const { port } = testRedis();
    const loopbackRoutes = kinds.flatMap(({ kind, backends }) => [
      route({ resource_kind: kind, tenant_id: 't_system', backend_type: 'memory' }),
      route({
        resource_kind: kind,
        tenant_id: 't_acme',
        project_id: 'p_web',
        backend_type: 'memory',
      }),
      ...(backends.includes('redis')
        ? ['localhost', '127.0.0.1', '::1'].map((host, i) =>
            route({
              resource_kind: kind,
              tenant_id: `t_loop${i}`,
              backend_type: 'redis',
              config: { host, port },
            }),
          )
        : []),
      ...(backends.includes('s3')
        ? [
            route({
              resource_kind: kind,
              tenant_id: 't_loops3',
              backend_type: 's3',
              config: { bucket: testS3().bucket, region: 'us-east-1', endpoint: testS3().endpoint },
            }),
          ]
        : []),
    ]);
    expect(await bootError('test', loopbackRoutes)).toBe('');
  });
});
