import type { Scope } from '../../common/scope/scope';
import type {
  ActionPolicy,
  Licence,
  LicenceFilter,
  LicenceLevel,
  LicenceSubject,
} from './firearms.types';

/**
 * Port: action policies and licences stored at one scope. Records of another scope are
 * invisible (reads return null, lists skip them).
 */
export abstract class FirearmsRepository {
  /** The policy of `action` at `scope`, or null when none is configured. */
  abstract getAction(scope: Scope, action: string): Promise<ActionPolicy | null>;

  /** Policies in action-name order; `after` is the last name of the previous page. */
  abstract listActions(
    scope: Scope,
    page: { limit: number; after?: string },
  ): Promise<ActionPolicy[]>;

  /**
   * Creates or replaces the policy of `action` and returns it with version + 1 (1 when new).
   * With `expectedVersion` the write happens only if the stored version is that one (a
   * missing policy has none); otherwise throws `FirearmsVersionConflictError`.
   */
  abstract putAction(
    scope: Scope,
    action: string,
    requiredLevel: LicenceLevel,
    write: { actor: string; expectedVersion?: number },
  ): Promise<ActionPolicy>;

  /** Stores a new licence under its (new, unique) id and returns it. */
  abstract createLicence(scope: Scope, licence: Licence): Promise<Licence>;

  /** The licence with this id at `scope`, or null. */
  abstract getLicence(scope: Scope, id: string): Promise<Licence | null>;

  /** Newest first, optionally filtered; `before` is the last id of the previous page. */
  abstract listLicences(
    scope: Scope,
    filter: LicenceFilter,
    page: { limit: number; before?: string },
  ): Promise<Licence[]>;

  /**
   * Read-modify-write in one atomic step: `change` receives the stored licence and returns
   * its replacement, or throws a domain error to refuse (nothing is written then). Returns
   * null when no licence has this id at `scope`.
   */
  abstract updateLicence(
    scope: Scope,
    id: string,
    change: (current: Licence) => Licence,
  ): Promise<Licence | null>;

  /**
   * A licence of exactly `level` for `subject` that is not revoked and expires after `now`
   * (ISO-8601 UTC), preferring the one that expires last; null when there is none.
   */
  abstract findValidLicence(
    scope: Scope,
    subject: LicenceSubject,
    level: LicenceLevel,
    now: string,
  ): Promise<Licence | null>;
}
