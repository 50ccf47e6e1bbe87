import type { DocumentReference } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import { readAscending } from '../../../backends/firestore/keyset-query';
import { getRecord, upsertDocument } from '../../../backends/firestore/record-documents';
import { recordOrNull } from '../../../backends/firestore/record-schema';
import type { VersionedWrite } from '../../../backends/revision';
import { newSortableId } from '../../../common/ids/sortable-id';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { isLive, systemClock, type Clock } from '../memory-records';
import { MemoryRepository } from '../memory.repository';
import type { Blackboard, MemoryMessage, NewMemoryMessage, SessionRef } from '../memory.types';
import { MemoryVersionConflictError } from '../memory.errors';
import {
  memoryBlackboards,
  memoryBoardDocument,
  memoryMessageDocument,
  memoryMessages,
  toMemoryBlackboard,
  toMemoryMessage,
} from './firestore-memory-documents';
import { FirestoreMemoryScopeData } from './firestore-memory.scope-data';
import { reviseBlackboard, type BlackboardValue } from './memory-blackboard';

/**
 * Firestore adapter of the `memory` kind, under `{prefix_}tenants/{tenant}/envs/{env}/projects/{project}/`:
 * - messages: `memory_users/{sha256(sub)}/sessions/{session_id}/messages/{message_id}`, one
 *   document per message claimed with `create()`, so concurrent appends never contend and a
 *   session grows without bound. The owner is hashed so that any `sub` makes a valid,
 *   collision-free document id. Reads order by `id` (single-field index, no composite).
 * - blackboards: `memory_blackboards/{key}`, written in transactions that check the version.
 *   JSON values are stored as a JSON string (`data_json`), so any JSON (nested arrays
 *   included) round-trips. `expire_at` (a Timestamp) is there for a Firestore TTL policy to
 *   delete expired entries eventually; reads treat them as absent from `expires_at` on.
 */
export class FirestoreMemoryRepository extends MemoryRepository implements ScopeData {
  private readonly clock: Clock;
  private readonly scopeData: FirestoreMemoryScopeData;

  constructor(
    private readonly fs: FirestoreHandle,
    options: { clock?: Clock } = {},
  ) {
    super();
    this.clock = options.clock ?? systemClock;
    this.scopeData = new FirestoreMemoryScopeData(fs);
  }

  async appendMessage(
    scope: Scope,
    session: SessionRef,
    message: NewMemoryMessage,
  ): Promise<MemoryMessage> {
    const stored: MemoryMessage = {
      id: newSortableId(),
      session_id: session.sessionId,
      ...message,
      created_at: this.clock().toISOString(),
    };
    await memoryMessages(this.fs, scope, session)
      .doc(stored.id)
      .create(memoryMessageDocument(scope, session.owner, stored));
    return stored;
  }

  listMessages(
    scope: Scope,
    session: SessionRef,
    page: { limit: number; after?: string },
  ): Promise<MemoryMessage[]> {
    return readAscending(memoryMessages(this.fs, scope, session), toMemoryMessage, page, 'id');
  }

  async getBlackboard(scope: Scope, key: string): Promise<Blackboard | null> {
    const entry = await getRecord(this.board(scope, key), toMemoryBlackboard);
    return entry !== null && isLive(entry, this.clock()) ? entry : null;
  }

  putBlackboard(
    scope: Scope,
    key: string,
    value: BlackboardValue,
    write: VersionedWrite,
  ): Promise<Blackboard> {
    const codec = {
      read: toMemoryBlackboard,
      write: (entry: Blackboard) => memoryBoardDocument(scope, entry),
    };
    return upsertDocument(this.fs.db, this.board(scope, key), codec, (stored) =>
      reviseBlackboard(stored, key, value, write, this.clock()),
    );
  }

  deleteBlackboard(
    scope: Scope,
    key: string,
    write: { expectedVersion?: number },
  ): Promise<boolean> {
    const ref = this.board(scope, key);
    return this.fs.db.runTransaction(async (tx) => {
      const stored = recordOrNull(await tx.get(ref), toMemoryBlackboard);
      if (stored === null) return false;
      const live = isLive(stored, this.clock());
      if (live && write.expectedVersion !== undefined && write.expectedVersion !== stored.version) {
        throw new MemoryVersionConflictError(write.expectedVersion, stored.version);
      }
      tx.delete(ref);
      return live;
    });
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return this.scopeData.exportScope(scope);
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    return this.scopeData.importRecords(scope, records);
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return this.scopeData.scopesHeld(tenantId, env);
  }

  deleteScope(scope: Scope): Promise<void> {
    return this.scopeData.deleteScope(scope);
  }

  private board(scope: Scope, key: string): DocumentReference {
    return memoryBlackboards(this.fs, scope).doc(key);
  }
}
