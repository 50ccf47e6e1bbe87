import type { Scope } from '../../common/scope/scope';
import type { FlagDocument, FlagValues } from './feature-flags.types';

/**
 * Port: the flags document stored at one scope. The scope is the level: a project scope
 * for project flags, a tenant-wide scope (null project) for tenant flags, `t_system` for
 * deployment defaults. Documents of different scopes never see each other.
 */
export abstract class FeatureFlagsRepository {
  /** The document stored at exactly `scope`, or null. */
  abstract get(scope: Scope): Promise<FlagDocument | null>;

  /**
   * Replaces the document at `scope` with `flags` and returns it with version + 1 (1 for a
   * new document). With `expectedVersion`, the write happens only if the stored version is
   * that one; otherwise throws `VersionConflictError` (`feature_flags.version_conflict`).
   */
  abstract put(
    scope: Scope,
    flags: FlagValues,
    write: { actor: string; expectedVersion?: number },
  ): Promise<FlagDocument>;
}
