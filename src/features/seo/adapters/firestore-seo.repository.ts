import type { CollectionReference, DocumentReference } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import { readDescending, whereEqual } from '../../../backends/firestore/keyset-query';
import { getRecord, upsertDocument } from '../../../backends/firestore/record-documents';
import {
  instant,
  optionalText,
  recordReader,
  REVISED,
  text,
} from '../../../backends/firestore/record-schema';
import {
  deleteCollections,
  documentsOf,
  scopesHeldOn,
  setDocuments,
} from '../../../backends/firestore/scope-documents';
import { withScopeFields } from '../../../backends/firestore/scope-fields';
import { escapeSegment } from '../../../backends/scope-path';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { seoOfRecord, seoRecord } from '../seo-scope-data';
import { SeoRepository, type SeoConfigQuery } from '../seo.repository';
import type { SeoConfig, SeoKey } from '../seo.types';

/**
 * One document per config at `{prefix_}tenants/{t}/envs/{e}/projects/{p|-}/seo_pages/{surface}:{page_type}`
 * (both parts escaped, so distinct keys never share an id). Whole-document writes in
 * read-check-write transactions. Real Firestore needs a composite index `surface` +
 * `id` descending for the surface filter.
 */
export class FirestoreSeoRepository extends SeoRepository implements ScopeData {
  constructor(private readonly fs: FirestoreHandle) {
    super();
  }

  get(scope: Scope, key: SeoKey): Promise<SeoConfig | null> {
    return getRecord(this.ref(scope, key), fromDoc);
  }

  list(scope: Scope, q: SeoConfigQuery): Promise<SeoConfig[]> {
    return readDescending(whereEqual(this.configs(scope), { surface: q.surface }), fromDoc, q);
  }

  put(
    scope: Scope,
    key: SeoKey,
    change: (current: SeoConfig | null) => SeoConfig,
  ): Promise<SeoConfig> {
    const codec = { read: fromDoc, write: withScopeFields(scope) };
    return upsertDocument(this.fs.db, this.ref(scope, key), codec, change);
  }

  delete(scope: Scope, key: SeoKey): Promise<boolean> {
    const ref = this.ref(scope, key);
    return this.fs.db.runTransaction(async (tx) => {
      if (!(await tx.get(ref)).exists) return false;
      tx.delete(ref);
      return true;
    });
  }

  async *exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    for await (const doc of documentsOf(this.configs(scope))) yield seoRecord(fromDoc(doc.data()));
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const write = withScopeFields(scope);
    return setDocuments(
      this.configs(scope),
      records.map((r) => {
        const config = fromDoc(seoOfRecord(r));
        return [this.ref(scope, config), write(config)] as const;
      }),
    );
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return scopesHeldOn(this.fs, tenantId, env, ['seo_pages']);
  }

  deleteScope(scope: Scope): Promise<void> {
    return deleteCollections([this.configs(scope)]);
  }

  private configs(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'seo_pages');
  }

  private ref(scope: Scope, key: SeoKey): DocumentReference {
    return this.configs(scope).doc(`${escapeSegment(key.surface)}:${escapeSegment(key.page_type)}`);
  }
}

const fromDoc = recordReader('seo config', {
  id: text,
  surface: text,
  page_type: text,
  title: optionalText,
  description: optionalText,
  og_title: optionalText,
  og_description: optionalText,
  og_image_url: optionalText,
  canonical_url: optionalText,
  created_at: instant,
  ...REVISED,
});
