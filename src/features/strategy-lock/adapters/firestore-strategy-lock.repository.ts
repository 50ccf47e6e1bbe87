import type { CollectionReference, DocumentData, Query } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import { readDescending, whereEqual } from '../../../backends/firestore/keyset-query';
import { getRecord, updateDocument } from '../../../backends/firestore/record-documents';
import {
  instant,
  jsonObject,
  num,
  oneOf,
  optionalText,
  recordReader,
  text,
  texts,
} from '../../../backends/firestore/record-schema';
import {
  deleteCollections,
  documentsOf,
  scopesHeldOn,
  setDocuments,
} from '../../../backends/firestore/scope-documents';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { StrategyLockRepository, type StrategyLockQuery } from '../strategy-lock.repository';
import { strategyLockOf, strategyLockRecord } from '../strategy-lock.scope-data';
import {
  ANY_ACTION,
  LOCK_SCOPES,
  STORED_LOCK_STATUSES,
  type StrategyLock,
} from '../strategy-lock.types';

/**
 * One document per lock at `{prefix_}tenants/{t}/envs/{e}/projects/{p|-}/strategy_locks/{id}`,
 * every field top-level (constraints as a JSON string: client keys need no escaping and
 * any nesting depth fits). Updates are read-check-write transactions.
 *
 * Composite indexes real Firestore needs (the emulator needs none):
 * - list: each combination of `status`, `surface`, `scope` (equality) with `id` descending;
 * - findApproved: `status` ==, `allowed_actions` array-contains-any, `valid_until` range.
 */
export class FirestoreStrategyLockRepository extends StrategyLockRepository implements ScopeData {
  constructor(private readonly fs: FirestoreHandle) {
    super();
  }

  async create(scope: Scope, lock: StrategyLock): Promise<StrategyLock> {
    await this.locks(scope).doc(lock.id).create(toDoc(scope, lock));
    return lock;
  }

  get(scope: Scope, id: string): Promise<StrategyLock | null> {
    return getRecord(this.locks(scope).doc(id), fromDoc);
  }

  list(scope: Scope, q: StrategyLockQuery): Promise<StrategyLock[]> {
    let query: Query = this.locks(scope);
    if (q.statuses !== undefined) query = query.where('status', 'in', q.statuses);
    query = whereEqual(query, { surface: q.surface, scope: q.lock_scope });
    return readDescending(query, fromDoc, q);
  }

  async findApproved(scope: Scope, action: string, at: string): Promise<StrategyLock[]> {
    const snap = await this.locks(scope)
      .where('status', '==', 'approved')
      .where('allowed_actions', 'array-contains-any', [action, ANY_ACTION])
      .where('valid_until', '>', at)
      .get();
    return snap.docs.map((doc) => fromDoc(doc.data()));
  }

  update(
    scope: Scope,
    id: string,
    change: (current: StrategyLock) => StrategyLock,
  ): Promise<StrategyLock | null> {
    const codec = { read: fromDoc, write: (lock: StrategyLock) => toDoc(scope, lock) };
    return updateDocument(this.fs.db, this.locks(scope).doc(id), codec, change);
  }

  async *exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    for await (const doc of documentsOf(this.locks(scope))) {
      yield strategyLockRecord(fromDoc(doc.data()));
    }
  }

  /** Each record is checked by reading back the document it would write (a bad field throws). */
  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const locks = this.locks(scope);
    return setDocuments(
      locks,
      records.map((r) => {
        const lock = fromDoc(toDoc(scope, strategyLockOf(r)));
        return [locks.doc(lock.id), toDoc(scope, lock)] as const;
      }),
    );
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return scopesHeldOn(this.fs, tenantId, env, ['strategy_locks']);
  }

  deleteScope(scope: Scope): Promise<void> {
    return deleteCollections([this.locks(scope)]);
  }

  private locks(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'strategy_locks');
  }
}

function toDoc(scope: Scope, lock: StrategyLock): DocumentData {
  const { constraints, ...fields } = lock;
  return {
    ...fields,
    constraints_json: JSON.stringify(constraints),
    ...scopeFields(scope),
  };
}

const fromDoc = recordReader('strategy lock', {
  id: text,
  surface: optionalText,
  scope: oneOf(LOCK_SCOPES),
  title: text,
  description: text,
  constraints: jsonObject,
  allowed_actions: texts,
  created_by: text,
  approved_by: optionalText,
  rejected_by: optionalText,
  status: oneOf(STORED_LOCK_STATUSES),
  valid_from: instant,
  valid_until: instant,
  version: num,
  created_at: instant,
  updated_at: instant,
});
