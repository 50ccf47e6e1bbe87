import type { CollectionReference, DocumentData, DocumentReference } from '@google-cloud/firestore';
import {
  isAlreadyExists,
  type FirestoreHandle,
} from '../../../backends/firestore/firestore.driver';
import { readDescending, whereEqual } from '../../../backends/firestore/keyset-query';
import { getRecord } from '../../../backends/firestore/record-documents';
import {
  bool,
  CREATED,
  optionalInstant,
  recordReader,
  REVISED,
  text,
} from '../../../backends/firestore/record-schema';
import { scopeFields } from '../../../backends/firestore/scope-fields';
import { escapeSegment } from '../../../backends/scope-path';
import type { Scope } from '../../../common/scope/scope';
import { PageSlugTakenError } from '../page-content.errors';
import { PageContentRepository, type PageChange, type PageQuery } from '../page-content.repository';
import { encodePageBody, type Page, type PageRecord } from '../page-content.types';
import {
  deleteChunks,
  readBody,
  storedBodyOf,
  writeBody,
  type StoredBody,
} from './firestore-page-body';

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
export class FirestorePageContentRepository extends PageContentRepository {
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
          tx.create(this.slugRef(scope, page), claimDoc(scope, page));
          tx.create(ref, toDoc(scope, record, writeBody(tx, ref, encodePageBody(body), 0)));
          return Promise.resolve();
        }),
    );
    return page;
  }

  async get(scope: Scope, id: string): Promise<Page | null> {
    const ref = this.pages(scope).doc(id);
    const data = (await ref.get()).data();
    if (data === undefined) return null;
    return { ...fromDoc(data), body: await readBody(this.fs.db, ref, storedBodyOf(data)) };
  }

  async getBySlug(scope: Scope, surface: string, slug: string): Promise<Page | null> {
    const claim = await getRecord(this.slugRef(scope, { surface, slug }), fromClaim);
    if (claim === null) return null;
    const page = await this.get(scope, claim.page_id);
    return page !== null && page.surface === surface && page.slug === slug ? page : null;
  }

  list(scope: Scope, q: PageQuery): Promise<PageRecord[]> {
    const query = whereEqual(this.pages(scope), { surface: q.surface, published: q.published });
    return readDescending(query, fromDoc, q);
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
          const current = fromDoc(data);
          const stored = storedBodyOf(data);
          const { record, body } = change(current);
          const kept = body ?? (await readBody(tx, ref, stored));
          if (record.surface !== current.surface || record.slug !== current.slug) {
            attempt.claim = record;
            tx.create(this.slugRef(scope, record), claimDoc(scope, record));
            tx.delete(this.slugRef(scope, current));
          }
          const where =
            body === undefined
              ? stored
              : writeBody(tx, ref, encodePageBody(body), stored.body_chunks);
          tx.set(ref, toDoc(scope, record, where));
          return { ...record, body: kept };
        }),
    );
  }

  delete(scope: Scope, id: string): Promise<boolean> {
    const ref = this.pages(scope).doc(id);
    return this.fs.db.runTransaction(async (tx) => {
      const data = (await tx.get(ref)).data();
      if (data === undefined) return false;
      tx.delete(this.slugRef(scope, fromDoc(data)));
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

  private pages(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'pages');
  }

  private slugRef(scope: Scope, page: { surface: string; slug: string }): DocumentReference {
    const id = `${escapeSegment(page.surface)}:${escapeSegment(page.slug)}`;
    return this.fs.scoped(scope, 'page_slugs').doc(id);
  }
}

function claimDoc(scope: Scope, page: PageRecord): DocumentData {
  return { page_id: page.id, surface: page.surface, slug: page.slug, ...scopeFields(scope) };
}

function toDoc(scope: Scope, record: PageRecord, body: StoredBody): DocumentData {
  return { ...record, ...body, ...scopeFields(scope) };
}

const fromDoc = recordReader('page', {
  id: text,
  surface: text,
  slug: text,
  title: text,
  published: bool,
  published_at: optionalInstant,
  ...CREATED,
  ...REVISED,
});

const fromClaim = recordReader('page slug claim', { page_id: text });
