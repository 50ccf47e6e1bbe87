import { ScopedRecords } from '../../../backends/memory/scoped-records';
import type { VersionedWrite } from '../../../backends/revision';
import { newSortableId } from '../../../common/ids/sortable-id';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { isLive, systemClock, type Clock } from '../memory-records';
import { memoryBlackboardRecord, memoryMessageRecord, memoryOfRecord } from '../memory-scope-data';
import { MemoryRepository } from '../memory.repository';
import type { Blackboard, MemoryMessage, NewMemoryMessage, SessionRef } from '../memory.types';
import { MemoryVersionConflictError } from '../memory.errors';
import { reviseBlackboard, type BlackboardValue } from './memory-blackboard';

/**
 * Dev/test adapter of the `memory` kind: sessions and blackboards in maps keyed by scope
 * (sessions by owner and session id as a JSON pair, so no two keys collide).
 * Forgets everything at restart.
 */
export class InMemoryMemoryRepository extends MemoryRepository implements ScopeData {
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
    this.sessions.upsert(scope, sessionKey(session), (messages) => withMessage(messages, stored));
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

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    const messages = this.sessions.entries(scope).flatMap(([key, list]) => {
      const [owner] = JSON.parse(key) as [string, string];
      return list.map((m) => memoryMessageRecord(owner, m));
    });
    const boards = this.boards.values(scope).map(memoryBlackboardRecord);
    return yieldAll([...messages, ...boards]);
  }

  /** Messages join their session in id order (a message already there is replaced). */
  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    for (const record of records.map(memoryOfRecord)) {
      if (record.collection === 'blackboards') {
        this.boards.set(scope, record.entry.key, record.entry);
        continue;
      }
      const { owner, ...message } = record.message;
      const key = sessionKey({ owner, sessionId: message.session_id });
      this.sessions.upsert(scope, key, (messages) => withMessage(messages, message));
    }
    return Promise.resolve();
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    const held = new Map<string, Scope>();
    for (const scope of [
      ...this.sessions.scopesHeld(tenantId, env),
      ...this.boards.scopesHeld(tenantId, env),
    ])
      held.set(scope.toString(), scope);
    return Promise.resolve([...held.values()]);
  }

  deleteScope(scope: Scope): Promise<void> {
    this.sessions.clear(scope);
    this.boards.clear(scope);
    return Promise.resolve();
  }
}

/** The session's messages with `message` in id order, replacing one of the same id. */
function withMessage(messages: MemoryMessage[] | null, message: MemoryMessage): MemoryMessage[] {
  return [...(messages ?? []).filter((m) => m.id !== message.id), message].sort((a, b) =>
    a.id < b.id ? -1 : 1,
  );
}

function sessionKey(session: SessionRef): string {
  return JSON.stringify([session.owner, session.sessionId]);
}
