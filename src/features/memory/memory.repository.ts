import type { Scope } from '../../common/scope/scope';
import type { Blackboard, MemoryMessage, NewMemoryMessage, SessionRef } from './memory.types';

/**
 * Port of the `memory` kind: per-user session messages and per-project blackboards, both in
 * one scope (tenant, env, project). Nothing of another scope is visible.
 */
export abstract class MemoryRepository {
  /**
   * Appends a message to the caller's session (`session.owner` is part of the key, so users
   * never see each other's sessions). Each message is its own record with a fresh sortable
   * id; concurrent appends never overwrite each other and a session has no size limit.
   */
  abstract appendMessage(
    scope: Scope,
    session: SessionRef,
    message: NewMemoryMessage,
  ): Promise<MemoryMessage>;

  /**
   * Messages of the session in append order (ascending id), strictly after `after` (a
   * message id), at most `limit`. A session nobody appended to, or another user's, is
   * empty: sessions have no existence apart from their messages. Ids are generated per
   * instance from its clock; two instances appending in the same millisecond order by
   * their random part, and a reader polling with `after` relies on instance clocks agreeing.
   */
  abstract listMessages(
    scope: Scope,
    session: SessionRef,
    page: { limit: number; after?: string },
  ): Promise<MemoryMessage[]>;

  /** The live entry, or null when it is missing or its `expires_at` has passed. */
  abstract getBlackboard(scope: Scope, key: string): Promise<Blackboard | null>;

  /**
   * Replaces the entry atomically and returns it. Versions keep counting across expiry
   * (an entry written over an expired one gets the next version), but for `expectedVersion`
   * an expired entry is absent: any expected version then throws
   * `MemoryVersionConflictError` (`memory.version_conflict`), as does a different live one.
   */
  abstract putBlackboard(
    scope: Scope,
    key: string,
    value: { data: unknown; expiresAt: string | null },
    write: { actor: string; expectedVersion?: number },
  ): Promise<Blackboard>;

  /**
   * Deletes the live entry; false when it is missing or expired (an expired one is removed
   * too). With `expectedVersion`, a different live version throws `MemoryVersionConflictError`.
   */
  abstract deleteBlackboard(
    scope: Scope,
    key: string,
    write: { expectedVersion?: number },
  ): Promise<boolean>;
}
