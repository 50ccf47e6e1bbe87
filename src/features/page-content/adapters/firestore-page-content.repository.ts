import type { CollectionReference } from '@google-cloud/firestore';
import {
  isAlreadyExists,
  type FirestoreHandle,
} from '../../../backends/firestore/firestore.driver';
import { readDescending, whereEqual } from '../../../backends/firestore/keyset-query';
import { getRecord } from '../../../backends/firestore/record-documents';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { PageSlugTakenError } from '../page-content.errors';
import { PageContentRepository, type PageChange, type PageQuery } from '../page-content.repository';
import { encodePageBody, type Page, type PageRecord } from '../page-content.types';
import { deleteChunks, readBody, storedBodyOf, writeBody } from './firestore-page-body';
import {
  claimDoc,
  claimOf,
  pageDoc,
  pageRecordOf,
  pagesOf,
  slugChanged,
  slugRef,
} from './firestore-page-documents';
import {
  deletePageScope,
  exportPages,
  importPages,
  pageScopesHeld,
} from './firestore-page-content.scope-data';

/**
 * Under `{prefix_}tenants/{t}/envs/{e}/projects/{p|-}/`:
 * - `pages/{id}`: the record, top-level fields only, plus where the body is;
 * - `pages/{id}/body_chunks/{n}`: the body (see `firestore-page-body.ts`);
 * - `page_slugs/{surface}:{slug}` (both escaped): the claim, `{ page_id }`.
 *
 * Every write is one transaction. A claim is a `create()` written first, so a slug held
 * elsewhere fails the whole commit with ALREADY_EXISTS, which the emulator enforces too.
 * Composite indexes real Firestore needs for lists: `surface`, `published`, and both,
 * each with `id` descending.
 */
export class FirestorePageContentRepository extends PageContentRepository implements ScopeData {
  constructor(private readonly fs: FirestoreHandle) {
    super();
  }

  async create(scope: Scope, page: Page): Promise<Page> {
    const ref = this.pages(scope).doc(page.id);
    const { body, ...record } = page;
    await this.claiming(
      () => page,
      () =>
        this.fs.db.runTransaction((tx) => {
          tx.create(slugRef(this.fs, scope, page), claimDoc(scope, page));
          tx.create(ref, pageDoc(scope, record, writeBody(tx, ref, encodePageBody(body), 0)));
          return Promise.resolve();
        }),
    );
    return page;
  }

  async get(scope: Scope, id: string): Promise<Page | null> {
    const ref = this.pages(scope).doc(id);
    const data = (await ref.get()).data();
    if (data === undefined) return null;
    return { ...pageRecordOf(data), body: await readBody(this.fs.db, ref, storedBodyOf(data)) };
  }

  async getBySlug(scope: Scope, surface: string, slug: string): Promise<Page | null> {
    const claim = await getRecord(slugRef(this.fs, scope, { surface, slug }), claimOf);
    if (claim === null) return null;
    const page = await this.get(scope, claim.page_id);
    return page !== null && page.surface === surface && page.slug === slug ? page : null;
  }

  list(scope: Scope, q: PageQuery): Promise<PageRecord[]> {
    const query = whereEqual(this.pages(scope), { surface: q.surface, published: q.published });
    return readDescending(query, pageRecordOf, q);
  }

  /** Reads (page, then the kept body's chunks) come before every write, as transactions need. */
  update(
    scope: Scope,
    id: string,
    change: (current: PageRecord) => PageChange,
  ): Promise<Page | null> {
    const ref = this.pages(scope).doc(id);
    const attempt: { claim?: PageRecord } = {};
    return this.claiming(
      () => attempt.claim,
      () =>
        this.fs.db.runTransaction(async (tx) => {
          attempt.claim = undefined;
          const data = (await tx.get(ref)).data();
          if (data === undefined) return null;
          const current = pageRecordOf(data);
          const stored = storedBodyOf(data);
          const { record, body } = change(current);
          const kept = body ?? (await readBody(tx, ref, stored));
          if (slugChanged(record, current)) {
            attempt.claim = record;
            tx.create(slugRef(this.fs, scope, record), claimDoc(scope, record));
            tx.delete(slugRef(this.fs, scope, current));
          }
          const where =
            body === undefined
              ? stored
              : writeBody(tx, ref, encodePageBody(body), stored.body_chunks);
          tx.set(ref, pageDoc(scope, record, where));
          return { ...record, body: kept };
        }),
    );
  }

  delete(scope: Scope, id: string): Promise<boolean> {
    const ref = this.pages(scope).doc(id);
    return this.fs.db.runTransaction(async (tx) => {
      const data = (await tx.get(ref)).data();
      if (data === undefined) return false;
      tx.delete(slugRef(this.fs, scope, pageRecordOf(data)));
      deleteChunks(tx, ref, 0, storedBodyOf(data).body_chunks);
      tx.delete(ref);
      return true;
    });
  }

  /** Runs a write that may claim a slug; a lost claim becomes `409 page_content.slug_taken`. */
  private async claiming<T>(
    claimed: () => PageRecord | undefined,
    write: () => Promise<T>,
  ): Promise<T> {
    try {
      return await write();
    } catch (err) {
      const target = claimed();
      if (target !== undefined && isAlreadyExists(err))
        throw new PageSlugTakenError(target.surface, target.slug);
      throw err;
    }
  }

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return exportPages(this.fs, scope);
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    return importPages(this.fs, scope, records);
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return pageScopesHeld(this.fs, tenantId, env);
  }

  deleteScope(scope: Scope): Promise<void> {
    return deletePageScope(this.fs, scope);
  }

  private pages(scope: Scope): CollectionReference {
    return pagesOf(this.fs, scope);
  }
}
