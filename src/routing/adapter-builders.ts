import type { FirestoreHandle } from '../backends/firestore/firestore.driver';
import type { RedisHandle } from '../backends/redis/redis.driver';
import type { S3Handle } from '../backends/s3/s3.driver';

/**
 * How a feature builds its adapter for each backend it supports. The keys are the
 * supported backend types: routes naming any other type are refused by the policy.
 */
export interface AdapterBuilders<P> {
  firestore?: (backend: FirestoreHandle) => P;
  redis?: (backend: RedisHandle) => P;
  s3?: (backend: S3Handle) => P;
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
}
