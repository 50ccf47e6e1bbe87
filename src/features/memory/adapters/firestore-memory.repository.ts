import { createHash } from 'node:crypto';
import {
  Timestamp,
  type CollectionReference,
  type DocumentData,
  type DocumentReference,
} from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import { readAscending } from '../../../backends/firestore/keyset-query';
import { getRecord, upsertDocument } from '../../../backends/firestore/record-documents';
import {
  instant,
  jsonObject,
  jsonValue,
  oneOf,
  optionalInstant,
  recordOrNull,
  recordReader,
  REVISED,
  text,
} from '../../../backends/firestore/record-schema';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import type { VersionedWrite } from '../../../backends/revision';
import { newSortableId } from '../../../common/ids/sortable-id';
import type { Scope } from '../../../common/scope/scope';
import { isLive, systemClock, type Clock } from '../memory-records';
import { MemoryRepository } from '../memory.repository';
import {
  MESSAGE_ROLES,
  type Blackboard,
  type MemoryMessage,
  type NewMemoryMessage,
  type SessionRef,
} from '../memory.types';
import { MemoryVersionConflictError } from '../memory.errors';
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

  listMessages(
    scope: Scope,
    session: SessionRef,
    page: { limit: number; after?: string },
  ): Promise<MemoryMessage[]> {
    return readAscending(this.messages(scope, session), toMessage, page, 'id');
  }

  async getBlackboard(scope: Scope, key: string): Promise<Blackboard | null> {
    const entry = await getRecord(this.board(scope, key), toBlackboard);
    return entry !== null && isLive(entry, this.clock()) ? entry : null;
  }

  putBlackboard(
    scope: Scope,
    key: string,
    value: BlackboardValue,
    write: VersionedWrite,
  ): Promise<Blackboard> {
    const codec = {
      read: toBlackboard,
      write: (entry: Blackboard) => toBoardDocument(scope, entry),
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
      const stored = recordOrNull(await tx.get(ref), toBlackboard);
      if (stored === null) return false;
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

const toMessage = recordReader('memory message', {
  id: text,
  session_id: text,
  role: oneOf(MESSAGE_ROLES),
  content: text,
  metadata: jsonObject,
  created_at: instant,
});

function toBoardDocument(scope: Scope, entry: Blackboard): DocumentData {
  const { data, ...rest } = entry;
  const expireAt =
    entry.expires_at === null ? null : Timestamp.fromDate(new Date(entry.expires_at));
  return { ...rest, data_json: JSON.stringify(data), expire_at: expireAt, ...scopeFields(scope) };
}

const toBlackboard = recordReader('memory blackboard', {
  key: text,
  data: jsonValue,
  expires_at: optionalInstant,
  ...REVISED,
});
