import type { CollectionReference } from '@google-cloud/firestore';
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
} from '../../../backends/firestore/record-documents';
import { revised, type VersionedWrite } from '../../../backends/revision';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { FirearmsRepository } from '../firearms.repository';
import { FirearmsVersionConflictError } from '../firearms.errors';
import type {
  ActionPolicy,
  Licence,
  LicenceFilter,
  LicenceLevel,
  LicenceSubject,
} from '../firearms.types';
import {
  ACTION_DOCUMENT,
  LICENCE_DOCUMENT,
  toAction,
  toLicence,
} from './firestore-firearms.records';
import {
  deleteFirearmsScope,
  exportFirearmsScope,
  firearmsScopesHeld,
  importFirearmsRecords,
} from './firestore-firearms.scope-data';

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
export class FirestoreFirearmsRepository extends FirearmsRepository implements ScopeData {
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

  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return exportFirearmsScope(this.fs, scope);
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    return importFirearmsRecords(this.fs, scope, records);
  }

  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    return firearmsScopesHeld(this.fs, tenantId, env);
  }

  deleteScope(scope: Scope): Promise<void> {
    return deleteFirearmsScope(this.fs, scope);
  }

  private actions(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'firearms_actions');
  }

  private licences(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'firearms_licences');
  }
}
