import type { CollectionReference, Query } from '@google-cloud/firestore';
import type { FirestoreHandle } from '../../../backends/firestore/firestore.driver';
import type { Scope } from '../../../common/scope/scope';
import { FirearmsRepository } from '../firearms.repository';
import { FirearmsVersionConflictError } from '../firearms.errors';
import type {
  ActionPolicy,
  Licence,
  LicenceFilter,
  LicenceLevel,
  LicenceSubject,
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
    return snap.exists ? (snap.data() as ActionPolicy) : null;
  }

  async listActions(
    scope: Scope,
    page: { limit: number; after?: string },
  ): Promise<ActionPolicy[]> {
    let query: Query = this.actions(scope);
    if (page.after !== undefined) query = query.where('action', '>', page.after);
    const snap = await query.orderBy('action', 'asc').limit(page.limit).get();
    return snap.docs.map((d) => d.data() as ActionPolicy);
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
      const currentVersion = snap.exists ? (snap.get('version') as number) : null;
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
    return snap.exists ? (snap.data() as Licence) : null;
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
    return snap.docs.map((d) => d.data() as Licence);
  }

  updateLicence(
    scope: Scope,
    id: string,
    change: (current: Licence) => Licence,
  ): Promise<Licence | null> {
    const ref = this.licences(scope).doc(id);
    return this.fs.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (!snap.exists) return null;
      const next = change(snap.data() as Licence);
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
    return doc === undefined ? null : (doc.data() as Licence);
  }

  private actions(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'firearms_actions');
  }

  private licences(scope: Scope): CollectionReference {
    return this.fs.scoped(scope, 'firearms_licences');
  }
}
