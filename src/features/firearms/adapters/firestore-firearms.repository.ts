import type { CollectionReference, Query } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import {
  instant,
  num,
  oneOf,
  optionalInstant,
  optionalText,
  recordOrNull,
  recordReader,
  REVISED,
  text,
} from '../../../backends/firestore/record-schema';
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

  async getAction(scope: Scope, action: string): Promise<ActionPolicy | null> {
    const snap = await this.actions(scope).doc(action).get();
    return recordOrNull(snap, toAction);
  }

  async listActions(
    scope: Scope,
    page: { limit: number; after?: string },
  ): Promise<ActionPolicy[]> {
    let query: Query = this.actions(scope);
    if (page.after !== undefined) query = query.where('action', '>', page.after);
    const snap = await query.orderBy('action', 'asc').limit(page.limit).get();
    return snap.docs.map((d) => toAction(d.data()));
  }

  putAction(
    scope: Scope,
    action: string,
    requiredLevel: LicenceLevel,
    write: { actor: string; expectedVersion?: number },
  ): Promise<ActionPolicy> {
    const ref = this.actions(scope).doc(action);
    return this.fs.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const currentVersion = recordOrNull(snap, toAction)?.version ?? null;
      if (write.expectedVersion !== undefined && currentVersion !== write.expectedVersion) {
        throw new FirearmsVersionConflictError(write.expectedVersion, currentVersion);
      }
      const policy: ActionPolicy = {
        action,
        required_level: requiredLevel,
        version: (currentVersion ?? 0) + 1,
        updated_at: new Date().toISOString(),
        updated_by: write.actor,
      };
      tx.set(ref, policy);
      return policy;
    });
  }

  async createLicence(scope: Scope, licence: Licence): Promise<Licence> {
    await this.licences(scope).doc(licence.id).create(licence);
    return licence;
  }

  async getLicence(scope: Scope, id: string): Promise<Licence | null> {
    const snap = await this.licences(scope).doc(id).get();
    return recordOrNull(snap, toLicence);
  }

  async listLicences(
    scope: Scope,
    filter: LicenceFilter,
    page: { limit: number; before?: string },
  ): Promise<Licence[]> {
    let query: Query = this.licences(scope);
    if (filter.subject_type !== undefined)
      query = query.where('subject_type', '==', filter.subject_type);
    if (filter.subject_id !== undefined) query = query.where('subject_id', '==', filter.subject_id);
    if (page.before !== undefined) query = query.where('id', '<', page.before);
    const snap = await query.orderBy('id', 'desc').limit(page.limit).get();
    return snap.docs.map((d) => toLicence(d.data()));
  }

  updateLicence(
    scope: Scope,
    id: string,
    change: (current: Licence) => Licence,
  ): Promise<Licence | null> {
    const ref = this.licences(scope).doc(id);
    return this.fs.db.runTransaction(async (tx) => {
      const current = recordOrNull(await tx.get(ref), toLicence);
      if (current === null) return null;
      const next = change(current);
      tx.set(ref, next);
      return next;
    });
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
