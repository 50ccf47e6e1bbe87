import type { CollectionReference, DocumentData, Query } from '@google-cloud/firestore';
import {
  isAlreadyExists,
  type FirestoreHandle,
} from '../../../backends/firestore/firestore.driver';
import {
  bool,
  CREATED,
  recordOrNull,
  recordReader,
  REVISED,
  text,
  texts,
} from '../../../backends/firestore/record-schema';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import type { Scope } from '../../../common/scope/scope';
import { applyMaybeChanges } from '../maybes-records';
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
export class FirestoreMaybesRepository extends MaybesRepository {
  constructor(
    private readonly fs: FirestoreHandle,
    private readonly options: { scanBudget?: number } = {},
  ) {
    super();
  }

  async create(scope: Scope, item: MaybeItem): Promise<MaybeItem> {
    const ref = this.col(scope).doc(item.id);
    try {
      await ref.create(toDocument(scope, item));
    } catch (err) {
      // Ids are unique, so an existing one is an earlier attempt of this idempotent request.
      if (!isAlreadyExists(err)) throw err;
      const existing = recordOrNull(await ref.get(), toItem);
      if (existing === null) throw err;
      return existing;
    }
    return item;
  }

  async get(scope: Scope, id: string): Promise<MaybeItem | null> {
    const snap = await this.col(scope).doc(id).get();
    return recordOrNull(snap, toItem);
  }

  search(
    scope: Scope,
    filter: MaybeFilter,
    page: { limit: number; before?: string },
  ): Promise<MaybeSearchPage> {
    const base = this.filtered(scope, filter);
    const read = async (before: string | undefined, size: number): Promise<MaybeItem[]> => {
      const query = before === undefined ? base : base.where('id', '<', before);
      const snap = await query.orderBy('id', 'desc').limit(size).get();
      return snap.docs.map((doc) => toItem(doc.data()));
    };
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
    const ref = this.col(scope).doc(id);
    return this.fs.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (!snap.exists) return null;
      const current = toItem(snap.data() ?? {});
      assertMaybeVersion(write.expectedVersion, current.version);
      const next = applyMaybeChanges(current, changes, write.actor, new Date().toISOString());
      tx.set(ref, toDocument(scope, next));
      return next;
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

  private filtered(scope: Scope, filter: MaybeFilter): Query {
    let query: Query = this.col(scope);
    if (filter.pinned !== undefined) query = query.where('pinned', '==', filter.pinned);
    if (filter.archived !== undefined) query = query.where('archived', '==', filter.archived);
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
