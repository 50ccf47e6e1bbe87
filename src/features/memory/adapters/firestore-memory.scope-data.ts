import type { CollectionReference, DocumentData, DocumentReference } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import {
  deleteCollections,
  documentsOf,
  setDocuments,
} from '../../../backends/firestore/scope-documents';
import { TENANT_WIDE } from '../../../backends/scope-path';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import { Scope, type Env } from '../../../common/scope/scope';
import { memoryBlackboardRecord, memoryMessageRecord, memoryOfRecord } from '../memory-scope-data';
import {
  memoryBlackboards,
  memoryBoardDocument,
  memoryMessageDocument,
  memoryMessages,
  memoryUsers,
  toMemoryBlackboard,
  toOwnedMemoryMessage,
} from './firestore-memory-documents';

/**
 * The scope data of the Firestore `memory` adapter. Sessions have no document of their own
 * (`memory_users/{owner}` and `sessions/{id}` only hold subcollections), so they are found
 * with `listDocuments()`, which lists such "missing" documents; a query would not.
 */
export class FirestoreMemoryScopeData implements ScopeData {
  constructor(private readonly fs: FirestoreHandle) {}

  /** Messages session by session, oldest first within each; then the blackboards. */
  async *exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    for await (const messages of this.sessions(scope)) {
      for await (const doc of documentsOf(messages)) {
        const { owner, ...message } = toOwnedMemoryMessage(doc.data());
        yield memoryMessageRecord(owner, message);
      }
    }
    for await (const doc of documentsOf(memoryBlackboards(this.fs, scope)))
      yield memoryBlackboardRecord(toMemoryBlackboard(doc.data()));
  }

  /** Writes each record's whole document as the port would, after reading it back with its reader. */
  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const documents = records.map(memoryOfRecord).map((r): [DocumentReference, DocumentData] => {
      if (r.collection === 'blackboards') {
        const entry = toMemoryBlackboard(memoryBoardDocument(scope, r.entry));
        return [
          memoryBlackboards(this.fs, scope).doc(entry.key),
          memoryBoardDocument(scope, entry),
        ];
      }
      const { owner, ...message } = toOwnedMemoryMessage(
        memoryMessageDocument(scope, r.message.owner, r.message),
      );
      const session = { owner, sessionId: message.session_id };
      return [
        memoryMessages(this.fs, scope, session).doc(message.id),
        memoryMessageDocument(scope, owner, message),
      ];
    });
    return setDocuments(memoryBlackboards(this.fs, scope), documents);
  }

  /**
   * Lists the scope documents of the tenant's env (they only hold subcollections, so
   * `listDocuments()` again) and keeps those with a blackboard or a message.
   */
  async scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    const projects = memoryUsers(this.fs, Scope.of(tenantId, env, null)).parent?.parent;
    if (projects === undefined) return [];
    const held: Scope[] = [];
    for (const ref of await projects.listDocuments()) {
      const scope = Scope.of(tenantId, env, ref.id === TENANT_WIDE ? null : ref.id);
      if (await this.holdsAny(scope)) held.push(scope);
    }
    return held;
  }

  async deleteScope(scope: Scope): Promise<void> {
    const sessions: CollectionReference[] = [];
    for await (const messages of this.sessions(scope)) sessions.push(messages);
    await deleteCollections([...sessions, memoryBlackboards(this.fs, scope)]);
  }

  private async holdsAny(scope: Scope): Promise<boolean> {
    if (!(await memoryBlackboards(this.fs, scope).limit(1).get()).empty) return true;
    for await (const messages of this.sessions(scope)) {
      if (!(await messages.limit(1).get()).empty) return true;
    }
    return false;
  }

  /** The messages collection of every session of the scope. */
  private async *sessions(scope: Scope): AsyncIterable<CollectionReference> {
    for (const user of await memoryUsers(this.fs, scope).listDocuments()) {
      for (const session of await user.collection('sessions').listDocuments())
        yield session.collection('messages');
    }
  }
}
