import { ScopedRecords } from '../../../backends/memory/scoped-records';
import type { VersionedWrite } from '../../../backends/revision';
import { newSortableId } from '../../../common/ids/sortable-id';
import type { Scope } from '../../../common/scope/scope';
import { isLive, systemClock, type Clock } from '../memory-records';
import { MemoryRepository } from '../memory.repository';
import type { Blackboard, MemoryMessage, NewMemoryMessage, SessionRef } from '../memory.types';
import { MemoryVersionConflictError } from '../memory.errors';
import { reviseBlackboard, type BlackboardValue } from './memory-blackboard';

/**
 * Dev/test adapter of the `memory` kind: sessions and blackboards in maps keyed by scope
 * (sessions by owner and session id as a JSON pair, so no two keys collide).
 * Forgets everything at restart.
 */
export class InMemoryMemoryRepository extends MemoryRepository {
  /** A session's messages, oldest first, under `[owner, session id]` as JSON. */
  private readonly sessions = new ScopedRecords<MemoryMessage[]>();
  private readonly boards = new ScopedRecords<Blackboard>();
  private readonly clock: Clock;

  constructor(options: { clock?: Clock } = {}) {
    super();
    this.clock = options.clock ?? systemClock;
  }

  appendMessage(
    scope: Scope,
    session: SessionRef,
    message: NewMemoryMessage,
  ): Promise<MemoryMessage> {
    const stored: MemoryMessage = {
      id: newSortableId(),
      session_id: session.sessionId,
      ...structuredClone(message),
      created_at: this.clock().toISOString(),
    };
    this.sessions.upsert(scope, sessionKey(session), (messages) =>
      [...(messages ?? []), stored].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    return Promise.resolve(structuredClone(stored));
  }

  listMessages(
    scope: Scope,
    session: SessionRef,
    page: { limit: number; after?: string },
  ): Promise<MemoryMessage[]> {
    const after = page.after;
    const messages = (this.sessions.get(scope, sessionKey(session)) ?? []).filter(
      (m) => after === undefined || m.id > after,
    );
    return Promise.resolve(messages.slice(0, page.limit));
  }

  getBlackboard(scope: Scope, key: string): Promise<Blackboard | null> {
    const entry = this.boards.get(scope, key);
    return Promise.resolve(entry !== null && isLive(entry, this.clock()) ? entry : null);
  }

  putBlackboard(
    scope: Scope,
    key: string,
    value: BlackboardValue,
    write: VersionedWrite,
  ): Promise<Blackboard> {
    const now = this.clock();
    return Promise.resolve().then(() =>
      this.boards.upsert(scope, key, (stored) => reviseBlackboard(stored, key, value, write, now)),
    );
  }

  deleteBlackboard(
    scope: Scope,
    key: string,
    write: { expectedVersion?: number },
  ): Promise<boolean> {
    const stored = this.boards.get(scope, key);
    if (stored === null) return Promise.resolve(false);
    if (!isLive(stored, this.clock())) {
      this.boards.delete(scope, key);
      return Promise.resolve(false);
    }
    if (write.expectedVersion !== undefined && write.expectedVersion !== stored.version) {
      return Promise.reject(new MemoryVersionConflictError(write.expectedVersion, stored.version));
    }
    return Promise.resolve(this.boards.delete(scope, key));
  }
}

function sessionKey(session: SessionRef): string {
  return JSON.stringify([session.owner, session.sessionId]);
}
