import type { FirestoreHandle } from '../backends/firestore/firestore.driver';
import type { RedisHandle } from '../backends/redis/redis.driver';
import type { S3Handle } from '../backends/s3/s3.driver';
import type { KindConfigKeys } from './policy/backend-config.schema';

/** A route's config as an adapter builder sees it (already validated by the policy). */
export type RouteConfig = Readonly<Record<string, unknown>>;

/**
 * How a feature builds its adapter for each backend it supports. The keys are the
 * supported backend types: routes naming any other type are refused by the policy. A
 * builder also receives the route's config, for keys the kind declares
 * ({@link RoutedRepositoryOptions.configKeys}).
 */
export interface AdapterBuilders<P> {
  firestore?: (backend: FirestoreHandle, config: RouteConfig) => P;
  redis?: (backend: RedisHandle, config: RouteConfig) => P;
  s3?: (backend: S3Handle, config: RouteConfig) => P;
  /** Dev/test only (the policy refuses memory routes in staging and prod). */
  memory?: () => P;
}

/** Options of a routed repository. */
export interface RoutedRepositoryOptions {
  /**
   * Methods exempt from the per-call backend timeout because they stream for as long as
   * the client does (uploads, downloads, live feeds). They must bound their own waits.
   */
  untimed?: string[];
  /**
   * Config keys this kind adds to its routes, per backend (for example
   * `{ redis: { stream_maxlen: { type: 'integer', check: range(100, 1_000_000) } } }`).
   * The policy validates them like every backend key, on every path that accepts a route;
   * document each one where the kind is documented.
   */
  configKeys?: KindConfigKeys;
}
