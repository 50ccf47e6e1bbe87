import { createHash } from 'node:crypto';
import {
  Timestamp,
  type CollectionReference,
  type DocumentData,
  type DocumentReference,
} from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import { newSortableId } from '../../../common/ids/sortable-id';
import type { Scope } from '../../../common/scope/scope';
import { isLive, systemClock, type Clock } from '../memory-records';
import { MemoryRepository } from '../memory.repository';
import type { Blackboard, MemoryMessage, NewMemoryMessage, SessionRef } from '../memory.types';
import { MemoryVersionConflictError } from '../memory.errors';

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
export class FirestoreMemoryRepository extends MemoryRepository {
  private readonly clock: Clock;

  constructor(
    private readonly fs: FirestoreHandle,
    options: { clock?: Clock } = {},
  ) {
    super();
    this.clock = options.clock ?? systemClock;
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
    const { metadata, ...rest } = stored;
    await this.messages(scope, session)
      .doc(stored.id)
      .create({
        ...rest,
        metadata_json: JSON.stringify(metadata),
        owner: session.owner,
        ...scopeFields(scope),
      });
    return stored;
  }

  async listMessages(
    scope: Scope,
    session: SessionRef,
    page: { limit: number; after?: string },
  ): Promise<MemoryMessage[]> {
    const col = this.messages(scope, session);
    const query = page.after === undefined ? col : col.where('id', '>', page.after);
    const snap = await query.orderBy('id', 'asc').limit(page.limit).get();
    return snap.docs.map((doc) => toMessage(doc.data()));
  }

  async getBlackboard(scope: Scope, key: string): Promise<Blackboard | null> {
    const snap = await this.board(scope, key).get();
    if (!snap.exists) return null;
    const entry = toBlackboard(snap.data() as DocumentData);
    return isLive(entry, this.clock()) ? entry : null;
  }

  putBlackboard(
    scope: Scope,
    key: string,
    value: { data: unknown; expiresAt: string | null },
    write: { actor: string; expectedVersion?: number },
  ): Promise<Blackboard> {
    const ref = this.board(scope, key);
    return this.fs.db.runTransaction(async (tx) => {
      const now = this.clock();
      const snap = await tx.get(ref);
      const stored = snap.exists ? toBlackboard(snap.data() as DocumentData) : null;
      const liveVersion = stored !== null && isLive(stored, now) ? stored.version : null;
      if (write.expectedVersion !== undefined && write.expectedVersion !== liveVersion) {
        throw new MemoryVersionConflictError(write.expectedVersion, liveVersion);
      }
      const entry: Blackboard = {
        key,
        data: value.data,
        expires_at: value.expiresAt,
        version: (stored?.version ?? 0) + 1,
        updated_at: now.toISOString(),
        updated_by: write.actor,
      };
      tx.set(ref, toBoardDocument(scope, entry));
      return entry;
    });
  }

  deleteBlackboard(
    scope: Scope,
    key: string,
    write: { expectedVersion?: number },
  ): Promise<boolean> {
    const ref = this.board(scope, key);
    return this.fs.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (!snap.exists) return false;
      const stored = toBlackboard(snap.data() as DocumentData);
      const live = isLive(stored, this.clock());
      if (live && write.expectedVersion !== undefined && write.expectedVersion !== stored.version) {
        throw new MemoryVersionConflictError(write.expectedVersion, stored.version);
      }
      tx.delete(ref);
      return live;
    });
  }

  private messages(scope: Scope, session: SessionRef): CollectionReference {
    const owner = createHash('sha256').update(session.owner, 'utf8').digest('hex');
    return this.fs
      .scoped(scope, 'memory_users')
      .doc(owner)
      .collection('sessions')
      .doc(session.sessionId)
      .collection('messages');
  }

  private board(scope: Scope, key: string): DocumentReference {
    return this.fs.scoped(scope, 'memory_blackboards').doc(key);
  }
}

function toMessage(data: DocumentData): MemoryMessage {
  return {
    id: data.id as string,
    session_id: data.session_id as string,
    role: data.role as MemoryMessage['role'],
    content: data.content as string,
    metadata: JSON.parse(data.metadata_json as string) as Record<string, unknown>,
    created_at: data.created_at as string,
  };
}

function toBoardDocument(scope: Scope, entry: Blackboard): DocumentData {
  const { data, ...rest } = entry;
  const expireAt =
    entry.expires_at === null ? null : Timestamp.fromDate(new Date(entry.expires_at));
  return { ...rest, data_json: JSON.stringify(data), expire_at: expireAt, ...scopeFields(scope) };
}

function toBlackboard(data: DocumentData): Blackboard {
  return {
    key: data.key as string,
    data: JSON.parse(data.data_json as string) as unknown,
    expires_at: (data.expires_at as string | null) ?? null,
    version: data.version as number,
    updated_at: data.updated_at as string,
    updated_by: data.updated_by as string,
  };
}
