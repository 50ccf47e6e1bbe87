import type { CollectionReference, DocumentData, Query } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import { readDescending, whereEqual } from '../../../backends/firestore/keyset-query';
import {
  createOnce,
  getRecord,
  updateDocument,
} from '../../../backends/firestore/record-documents';
import {
  bool,
  CREATED,
  recordReader,
  REVISED,
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
import { applyMaybeChanges } from '../maybes-records';
import { maybeOfRecord, maybeRecord } from '../maybes-scope-data';
import { DEFAULT_MAYBE_SCAN_BUDGET, scanMaybes } from '../maybes-scan';
import { MaybesRepository } from '../maybes.repository';
import type { MaybeChanges, MaybeFilter, MaybeItem, MaybeSearchPage } from '../maybes.types';
import { assertMaybeVersion } from '../maybes.errors';

/**
 * One document per item at `{prefix_}tenants/{tenant}/envs/{env}/projects/{project}/maybes/{id}`,
 * every queried field at the top level. Lists order by `id` desc and page by keyset
 * (`id < before`); `q` is applied here over budgeted batches (see `MaybesRepository.search`).
 *
 * Composite indexes real Firestore needs (the emulator needs none), all ending `id desc`:
 * `pinned`, `archived`, `pinned + archived`, and each of those with `tags array-contains`
 * in front, plus `tags array-contains + id desc` alone.
 */
export class FirestoreMaybesRepository extends MaybesRepository implements ScopeData {
  constructor(
    private readonly fs: FirestoreHandle,
    private readonly options: { scanBudget?: number } = {},
  ) {
    super();
  }

  async create(scope: Scope, item: MaybeItem): Promise<MaybeItem> {
    const ref = this.col(scope).doc(item.id);
    return (await createOnce(ref, toDocument(scope, item), toItem)) ?? item;
  }

  get(scope: Scope, id: string): Promise<MaybeItem | null> {
    return getRecord(this.col(scope).doc(id), toItem);
  }

  search(
    scope: Scope,
    filter: MaybeFilter,
    page: { limit: number; before?: string },
  ): Promise<MaybeSearchPage> {
    const base = this.filtered(scope, filter);
    const read = (before: string | undefined, size: number): Promise<MaybeItem[]> =>
      readDescending(base, toItem, { limit: size, before });
    return scanMaybes(
      read,
      { ...page, q: filter.q },
      this.options.scanBudget ?? DEFAULT_MAYBE_SCAN_BUDGET,
    );
  }

  update(
    scope: Scope,
    id: string,
    changes: MaybeChanges,
    write: { actor: string; expectedVersion?: number },
  ): Promise<MaybeItem | null> {
    const codec = { read: toItem, write: (item: MaybeItem) => toDocument(scope, item) };
    return updateDocument(this.fs.db, this.col(scope).doc(id), codec, (current) => {
      assertMaybeVersion(write.expectedVersion, current.version);
      return applyMaybeChanges(current, changes, write.actor, new Date().toISOString());
    });
  }

  delete(scope: Scope, id: string, write: { expectedVersion?: number }): Promise<boolean> {
    const ref = this.col(scope).doc(id);
    return this.fs.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (!snap.exists) return false;
      assertMaybeVersion(write.expectedVersion, toItem(snap.data() ?? {}).version);
      tx.delete(ref);
      return true;
    });
  }

  async *exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    for await (const doc of documentsOf(this.col(scope))) yield maybeRecord(toItem(doc.data()));
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const col = this.col(scope);
    return setDocuments(
      col,
      records.map((r) => {
        const item = toItem(maybeOfRecord(r));
        return [col.doc(item.id), toDocument(scope, item)] as const;
      }),
    );
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return scopesHeldOn(this.fs, tenantId, env, ['maybes']);
  }

  deleteScope(scope: Scope): Promise<void> {
    return deleteCollections([this.col(scope)]);
  }

  private filtered(scope: Scope, filter: MaybeFilter): Query {
    let query = whereEqual(this.col(scope), { pinned: filter.pinned, archived: filter.archived });
    if (filter.tagsAny !== undefined && filter.tagsAny.length > 0)
      query = query.where('tags', 'array-contains-any', filter.tagsAny);
    return query;
  }

  private col(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'maybes');
  }
}

function toDocument(scope: Scope, item: MaybeItem): DocumentData {
  return {
    ...item,
    tags: [...item.tags],
    ...scopeFields(scope),
  };
}

const toItem = recordReader('maybe item', {
  id: text,
  title: text,
  body: text,
  tags: texts,
  pinned: bool,
  archived: bool,
  ...CREATED,
  ...REVISED,
});
