import type { CollectionReference, DocumentData, DocumentReference } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
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
import type { PageRecord } from '../page-content.types';
import type { StoredBody } from './firestore-page-body';

/**
 * Where page_content's documents are and what they hold, shared by the repository and its
 * scope export/import (see `firestore-page-content.repository.ts` for the layout).
 */

/** `pages/{id}`: the page records of a scope. */
export function pagesOf(fs: FirestoreHandle, scope: Scope): CollectionReference {
  return fs.scoped(scope, 'pages');
}

/** `page_slugs`: the slug claims of a scope. */
export function slugsOf(fs: FirestoreHandle, scope: Scope): CollectionReference {
  return fs.scoped(scope, 'page_slugs');
}

/** The claim of `(surface, slug)`: `page_slugs/{surface}:{slug}`, both escaped. */
export function slugRef(
  fs: FirestoreHandle,
  scope: Scope,
  page: { surface: string; slug: string },
): DocumentReference {
  return slugsOf(fs, scope).doc(`${escapeSegment(page.surface)}:${escapeSegment(page.slug)}`);
}

/** Whether two records hold different `(surface, slug)`s. */
export function slugChanged(a: PageRecord, b: PageRecord): boolean {
  return a.surface !== b.surface || a.slug !== b.slug;
}

export function claimDoc(scope: Scope, page: PageRecord): DocumentData {
  return { page_id: page.id, surface: page.surface, slug: page.slug, ...scopeFields(scope) };
}

/** The whole page document: the record, where its body is, and the scope fields. */
export function pageDoc(scope: Scope, record: PageRecord, body: StoredBody): DocumentData {
  return { ...record, ...body, ...scopeFields(scope) };
}

/** The record of a page document (every field checked; the body fields are not part of it). */
export const pageRecordOf = recordReader('page', {
  id: text,
  surface: text,
  slug: text,
  title: text,
  published: bool,
  published_at: optionalInstant,
  ...CREATED,
  ...REVISED,
});

export const claimOf = recordReader('page slug claim', { page_id: text });
