import type { Scope } from '../../common/scope/scope';
import type { SeoConfig, SeoKey } from './seo.types';

/** Filters of {@link SeoRepository.list}. */
export interface SeoConfigQuery {
  surface?: string;
  /** Only ids below this one (the last id of the previous page). */
  before?: string;
  limit: number;
}

/**
 * Port: the SEO configs of one scope, one per (surface, page_type). Configs of different
 * scopes never see each other.
 */
export abstract class SeoRepository {
  /** The config for `key` in `scope`, or null. */
  abstract get(scope: Scope, key: SeoKey): Promise<SeoConfig | null>;

  /** Configs matching the filter, newest (largest id) first. */
  abstract list(scope: Scope, query: SeoConfigQuery): Promise<SeoConfig[]>;

  /**
   * Atomic create-or-replace: `change` gets the stored config (null when there is none) and
   * returns the config to store, or throws a domain error to refuse (nothing is written).
   * `change` may run more than once (transaction retries), so it must be pure.
   */
  abstract put(
    scope: Scope,
    key: SeoKey,
    change: (current: SeoConfig | null) => SeoConfig,
  ): Promise<SeoConfig>;

  /** Deletes the config; false when there is none. */
  abstract delete(scope: Scope, key: SeoKey): Promise<boolean>;
}
