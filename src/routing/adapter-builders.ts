import type { FirestoreHandle } from '../backends/firestore/firestore.driver';
import type { RedisHandle } from '../backends/redis/redis.driver';
import type { S3Handle } from '../backends/s3/s3.driver';
import type { ScopeData } from '../common/scope-data/scope-data';
import type { Scope } from '../common/scope/scope';
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
  firestore?: (backend: FirestoreHandle, config: RouteConfig) => Adapter<P>;
  redis?: (backend: RedisHandle, config: RouteConfig) => Adapter<P>;
  s3?: (backend: S3Handle, config: RouteConfig) => Adapter<P>;
  /** Dev/test only (the policy refuses memory routes in staging and prod). */
  memory?: () => Adapter<P>;
}

/**
 * What a builder returns: the port, and {@link ScopeData} so the kind's scopes can move to
 * another backend with their data (`src/routing/moves`). A compile error here means an
 * adapter lacks `exportScope`, `importRecords`, `scopesHeld` or `deleteScope`.
 */
export type Adapter<P> = P & ScopeData;

/**
 * What the routed proxy needs of a port, checked at compile time: every member is a method
 * whose first parameter is the record's {@link Scope} (the proxy resolves the route from it
 * and answers any property read with a routed method). A member that breaks this is typed
 * as a message naming the rule, so the compiler error says what to fix.
 */
export type RoutedPort<P> = {
  [K in keyof P]: P[K] extends (...args: infer A) => unknown
    ? A extends [Scope, ...unknown[]]
      ? P[K]
      : 'a routed port method takes the record Scope as its first parameter'
    : 'a routed port has only methods';
};

/** Names of the methods of a port. */
export type PortMethod<P> = {
  [K in keyof P]-?: P[K] extends (...args: never[]) => unknown ? K : never;
}[keyof P] &
  string;

/** Options of a routed repository. */
export interface RoutedRepositoryOptions<P> {
  /**
   * Methods exempt from the per-call backend timeout because they stream for as long as
   * the client does (uploads, downloads, live feeds). They must bound their own waits.
   */
  untimed?: readonly NoInfer<PortMethod<P>>[];
  /**
   * Methods that only read. While a scope is frozen for a move (`POST /routing/moves`),
   * every other method answers `503 routing.scope_moving`; these keep serving from the
   * source. A method left out counts as a write, which is the safe mistake.
   */
  reads?: readonly NoInfer<PortMethod<P>>[];
  /**
   * Config keys this kind adds to its routes, per backend (for example
   * `{ redis: { stream_maxlen: { type: 'integer', check: range(100, 1_000_000) } } }`).
   * The policy validates them like every backend key, on every path that accepts a route;
   * document each one where the kind is documented.
   */
  configKeys?: KindConfigKeys;
}
