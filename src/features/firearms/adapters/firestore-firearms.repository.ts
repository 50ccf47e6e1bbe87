import type { CollectionReference, DocumentData } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import {
  readAscending,
  readDescending,
  whereEqual,
} from '../../../backends/firestore/keyset-query';
import {
  getRecord,
  updateDocument,
  upsertDocument,
  type DocumentCodec,
} from '../../../backends/firestore/record-documents';
import {
  instant,
  num,
  oneOf,
  optionalInstant,
  optionalText,
  recordReader,
  REVISED,
  text,
} from '../../../backends/firestore/record-schema';
import { revised, type VersionedWrite } from '../../../backends/revision';
import type { Scope } from '../../../common/scope/scope';
import { FirearmsRepository } from '../firearms.repository';
import { FirearmsVersionConflictError } from '../firearms.errors';
import {
  LICENCE_LEVELS,
  STORED_STATUSES,
  SUBJECT_TYPES,
  type ActionPolicy,
  type Licence,
  type LicenceFilter,
  type LicenceLevel,
  type LicenceSubject,
} from '../firearms.types';

/**
 * Collections `firearms_actions` (document id = action name) and `firearms_licences`
 * (document id = licence id) under `{prefix_}tenants/{tenant}/envs/{env}/projects/{project|-}/`.
 * Every queried field is top-level. Writes carry whole documents; read-modify-write runs in
 * a transaction.
 *
 * Real Firestore needs composite indexes for the licence queries:
 * (subject_type, subject_id, id desc) for filtered lists and
 * (subject_type, subject_id, status, level, expires_at desc) for checks.
 */
export class FirestoreFirearmsRepository extends FirearmsRepository {
  constructor(private readonly fs: FirestoreHandle) {
    super();
  }

  getAction(scope: Scope, action: string): Promise<ActionPolicy | null> {
    return getRecord(this.actions(scope).doc(action), toAction);
  }

  listActions(scope: Scope, page: { limit: number; after?: string }): Promise<ActionPolicy[]> {
    return readAscending(this.actions(scope), toAction, page, 'action');
  }

  putAction(
    scope: Scope,
    action: string,
    requiredLevel: LicenceLevel,
    write: VersionedWrite,
  ): Promise<ActionPolicy> {
    return upsertDocument(
      this.fs.db,
      this.actions(scope).doc(action),
      ACTION_DOCUMENT,
      revised({ action, required_level: requiredLevel }, write, FirearmsVersionConflictError),
    );
  }

  async createLicence(scope: Scope, licence: Licence): Promise<Licence> {
    await this.licences(scope).doc(licence.id).create(licence);
    return licence;
  }

  getLicence(scope: Scope, id: string): Promise<Licence | null> {
    return getRecord(this.licences(scope).doc(id), toLicence);
  }

  listLicences(
    scope: Scope,
    filter: LicenceFilter,
    page: { limit: number; before?: string },
  ): Promise<Licence[]> {
    const query = whereEqual(this.licences(scope), {
      subject_type: filter.subject_type,
      subject_id: filter.subject_id,
    });
    return readDescending(query, toLicence, page);
  }

  updateLicence(
    scope: Scope,
    id: string,
    change: (current: Licence) => Licence,
  ): Promise<Licence | null> {
    return updateDocument(this.fs.db, this.licences(scope).doc(id), LICENCE_DOCUMENT, change);
  }

  async findValidLicence(
    scope: Scope,
    subject: LicenceSubject,
    level: LicenceLevel,
    now: string,
  ): Promise<Licence | null> {
    const snap = await this.licences(scope)
      .where('subject_type', '==', subject.subject_type)
      .where('subject_id', '==', subject.subject_id)
      .where('status', '==', 'active')
      .where('level', '==', level)
      .where('expires_at', '>', now)
      .orderBy('expires_at', 'desc')
      .limit(1)
      .get();
    const doc = snap.docs[0];
    return doc === undefined ? null : toLicence(doc.data());
  }

  private actions(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'firearms_actions');
  }

  private licences(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'firearms_licences');
  }
}

const toAction = recordReader('firearms action policy', {
  action: text,
  required_level: oneOf(LICENCE_LEVELS),
  ...REVISED,
});

const toLicence = recordReader('firearms licence', {
  id: text,
  subject_type: oneOf(SUBJECT_TYPES),
  subject_id: text,
  level: oneOf(LICENCE_LEVELS),
  status: oneOf(STORED_STATUSES),
  issued_by: text,
  issued_at: instant,
  expires_at: instant,
  revoked_at: optionalInstant,
  revoked_by: optionalText,
  revoke_reason: optionalText,
  version: num,
  updated_at: instant,
});

/** Firearms documents hold the record's fields only (no scope fields). */
const asStored = <T extends object>(record: T): DocumentData => record;
const ACTION_DOCUMENT: DocumentCodec<ActionPolicy> = { read: toAction, write: asStored };
const LICENCE_DOCUMENT: DocumentCodec<Licence> = { read: toLicence, write: asStored };
