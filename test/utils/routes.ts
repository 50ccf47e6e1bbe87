import type { MountedKind } from '../../src/routing/kind-catalog';
import type { RouteInput } from '../../src/routing/route.types';
import type { BackendType } from '../../src/backends/backend-type';
import type { Env } from '../../src/common/scope/scope';
import { testRedis, testS3 } from './test-servers';

/** A route with defaults for the fields a test does not care about. */
export function route(
  partial: Partial<RouteInput> & Pick<RouteInput, 'resource_kind'>,
): RouteInput {
  return {
    tenant_id: 't_system',
    env: 'test',
    project_id: null,
    backend_type: 'memory',
    config: {},
    ...partial,
  };
}

/** Env variable names test S3 routes use for credentials (set by createTestApp). */
export const TEST_S3_CREDENTIAL_ENV = {
  access_key_id_env: 'TEST_S3_ACCESS_KEY_ID',
  secret_access_key_env: 'TEST_S3_SECRET_ACCESS_KEY',
};

/** The config of a route on the test servers for a backend type. */
export function testBackendConfig(
  type: BackendType,
  firestore: { project_id: string; collection_prefix?: string },
): Record<string, unknown> {
  switch (type) {
    case 'firestore':
      return { ...firestore };
    case 'redis':
      return { host: testRedis().host, port: testRedis().port };
    case 's3':
      return {
        bucket: testS3().bucket,
        region: 'us-east-1',
        endpoint: testS3().endpoint,
        force_path_style: true,
        ...TEST_S3_CREDENTIAL_ENV,
      };
    case 'memory':
      return {};
  }
}

/**
 * A `t_system` route for every mounted kind in `env`: on `prefer` when the kind supports it,
 * otherwise on its first durable backend (on the test servers).
 */
export function systemRoutesFor(
  kinds: MountedKind[],
  env: Env,
  prefer: BackendType,
  firestore: { project_id: string; collection_prefix?: string },
): RouteInput[] {
  return kinds.map(({ kind, backends }) => {
    const type = backends.includes(prefer)
      ? prefer
      : (backends.find((b) => b !== 'memory') ?? 'memory');
    return route({
      resource_kind: kind,
      env,
      backend_type: type,
      config: testBackendConfig(type, firestore),
    });
  });
}
