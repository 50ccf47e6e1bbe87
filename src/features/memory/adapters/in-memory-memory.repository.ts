import { newSortableId } from '../../../common/ids/sortable-id';
import type { Scope } from '../../../common/scope/scope';
import { isLive, systemClock, type Clock } from '../memory-records';
import { MemoryRepository } from '../memory.repository';
import type { Blackboard, MemoryMessage, NewMemoryMessage, SessionRef } from '../memory.types';
import { MemoryVersionConflictError } from '../memory.errors';

/**
 * Dev/test adapter of the `memory` kind: sessions and blackboards in maps keyed by scope
 * (and, for sessions, by owner and session id as a JSON pair, so no two keys collide).
 * Forgets everything at restart.
 */
export class InMemoryMemoryRepository extends MemoryRepository {
  private readonly sessions = new Map<string, MemoryMessage[]>();
  private readonly boards = new Map<string, Blackboard>();
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
    const key = sessionKey(scope, session);
    const messages = this.sessions.get(key) ?? [];
    messages.push(stored);
    messages.sort((a, b) => (a.id < b.id ? -1 : 1));
    this.sessions.set(key, messages);
    return Promise.resolve(structuredClone(stored));
  }

  listMessages(
    scope: Scope,
    session: SessionRef,
    page: { limit: number; after?: string },
  ): Promise<MemoryMessage[]> {
    const after = page.after;
    const messages = (this.sessions.get(sessionKey(scope, session)) ?? []).filter(
      (m) => after === undefined || m.id > after,
    );
    return Promise.resolve(structuredClone(messages.slice(0, page.limit)));
  }

  getBlackboard(scope: Scope, key: string): Promise<Blackboard | null> {
    const entry = this.boards.get(boardKey(scope, key));
    return Promise.resolve(
      entry !== undefined && isLive(entry, this.clock()) ? structuredClone(entry) : null,
    );
  }

  putBlackboard(
    scope: Scope,
    key: string,
    value: { data: unknown; expiresAt: string | null },
    write: { actor: string; expectedVersion?: number },
  ): Promise<Blackboard> {
    const now = this.clock();
    const stored = this.boards.get(boardKey(scope, key));
    const live = stored !== undefined && isLive(stored, now) ? stored : undefined;
    if (write.expectedVersion !== undefined && write.expectedVersion !== live?.version) {
      return Promise.reject(
        new MemoryVersionConflictError(write.expectedVersion, live?.version ?? null),
      );
    }
    const entry: Blackboard = {
      key,
      data: structuredClone(value.data),
      expires_at: value.expiresAt,
      version: (stored?.version ?? 0) + 1,
      updated_at: now.toISOString(),
      updated_by: write.actor,
    };
    this.boards.set(boardKey(scope, key), entry);
    return Promise.resolve(structuredClone(entry));
  }

  deleteBlackboard(
    scope: Scope,
    key: string,
    write: { expectedVersion?: number },
  ): Promise<boolean> {
    const stored = this.boards.get(boardKey(scope, key));
    if (stored === undefined) return Promise.resolve(false);
    if (!isLive(stored, this.clock())) {
      this.boards.delete(boardKey(scope, key));
      return Promise.resolve(false);
    }
    if (write.expectedVersion !== undefined && write.expectedVersion !== stored.version) {
      return Promise.reject(new MemoryVersionConflictError(write.expectedVersion, stored.version));
    }
    return Promise.resolve(this.boards.delete(boardKey(scope, key)));
  }
}

function sessionKey(scope: Scope, session: SessionRef): string {
  return JSON.stringify([scope.toString(), session.owner, session.sessionId]);
}

function boardKey(scope: Scope, key: string): string {
  return JSON.stringify([scope.toString(), key]);
}
