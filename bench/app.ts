import type { INestApplication } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import { createApp } from '../src/create-app';
import type { MountedKind } from '../src/routing/kind-catalog';
import type { RouteInput } from '../src/routing/route.types';

/** HS256 secret of the bench apps (32+ bytes). */
export const BENCH_JWT_SECRET = 'bench-secret-that-is-at-least-32-bytes-long';
/** Firestore project of Firestore routes on the in-process emulator. */
export const BENCH_GCP_PROJECT = 'bench-project';

export interface BenchAppOptions {
  /** Backend of the `feature_flags` route (every other kind is on memory but budget). */
  featureFlags: 'memory' | 'firestore';
  /** Backend of the `budget` route (default memory). */
  budget?: 'memory' | 'firestore';
  /** Further kinds whose `t_system` route is on Firestore (prefix `bench`, as above). */
  firestoreKinds?: readonly string[];
  /** `host:port` of the Firestore emulator; required for `firestore`. */
  firestoreHost?: string;
  /** Settings added to the app's environment (e.g. `MOVE_SETTLE_MS`). */
  environment?: Record<string, string>;
}

/**
 * Boots the real app (boot validation included) on an in-memory registry seeded with a
 * `t_system/test` route per mounted kind, as the tests do; logs are silent.
 */
export async function bootApp(options: BenchAppOptions): Promise<INestApplication> {
  const environment: Record<string, string> = {
    APP_ENV: 'test',
    REGISTRY_STORE: 'memory',
    AUTH_JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'silent',
    METADATA_SERVER_DETECTION: 'none',
    GCP_PROJECT_ID: BENCH_GCP_PROJECT,
    ...(options.firestoreHost !== undefined
      ? { FIRESTORE_EMULATOR_HOST: options.firestoreHost }
      : {}),
    ...options.environment,
  };
  const seedRoutes = (kinds: MountedKind[]): RouteInput[] =>
    kinds.map(({ kind }) => {
      const firestore =
        (kind === 'feature_flags' && options.featureFlags === 'firestore') ||
        (kind === 'budget' && options.budget === 'firestore') ||
        (options.firestoreKinds?.includes(kind) ?? false);
      return {
        resource_kind: kind,
        tenant_id: 't_system',
        env: 'test',
        project_id: null,
        backend_type: firestore ? 'firestore' : 'memory',
        config: firestore ? { project_id: BENCH_GCP_PROJECT, collection_prefix: 'bench' } : {},
      };
    });
  return createApp({ environment, seedRoutes });
}

/** Headers of a request as `u_bench`, owner of `tenant` (t_acme), on `tenant`/test/p_web. */
export function benchHeaders(tenant = 't_acme'): Record<string, string> {
  const token = sign({ sub: 'u_bench', tenants: { [tenant]: 'owner' } }, BENCH_JWT_SECRET, {
    algorithm: 'HS256',
    expiresIn: '1h',
  });
  return {
    authorization: `Bearer ${token}`,
    'x-tenant-id': tenant,
    'x-env': 'test',
    'x-project-id': 'p_web',
  };
}
