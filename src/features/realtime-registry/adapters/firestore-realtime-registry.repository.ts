import type {
  CollectionReference,
  DocumentReference,
  Query,
  QueryDocumentSnapshot,
} from '@google-cloud/firestore';
import {
  isAlreadyExists,
  type FirestoreHandle,
} from '../../../backends/firestore/firestore.driver';
import { getRecord } from '../../../backends/firestore/record-documents';
import {
  instant,
  oneOf,
  optionalText,
  recordOrNull,
  recordReader,
  text,
} from '../../../backends/firestore/record-schema';
import type { ScopeData, ScopeRecord } from '../../../common/scope-data/scope-data';
import { Scope, type Env } from '../../../common/scope/scope';
import { RealtimeRegistryRepository } from '../realtime-registry.repository';
import { realtimeOfRecord, realtimeRecord } from '../realtime-registry-scope-data';
import {
  REALTIME_ID_TYPES,
  type RealtimeIdType,
  type RealtimeRegistration,
} from '../realtime-registry.types';
import { RealtimeIdTakenError } from '../realtime-registry.errors';
import {
  realtimeRegistryDelete,
  realtimeRegistryPages,
} from './firestore-realtime-registry-queries';
import { isOwnedBy, registrationOf, type RealtimeClaim } from './realtime-registry-records';

/** The global collection of each id type: ownership is one id space across every scope. */
const COLLECTIONS: Record<RealtimeIdType, string> = {
  thread: 'realtime_threads',
  canvas: 'realtime_canvases',
};

/**
 * One document per id in a GLOBAL collection (`{prefix_}realtime_threads/{id}`), not under the
 * scope, so that an id is unique across tenants, envs and projects. The claim is `create()`,
 * which fails with ALREADY_EXISTS when any scope holds the id (enforced by Firestore and by
 * the emulator alike), so concurrent claims have exactly one winner and nothing is overwritten.
 */
export class FirestoreRealtimeRegistryRepository
  extends RealtimeRegistryRepository
  implements ScopeData
{
  constructor(private readonly fs: FirestoreHandle) {
    super();
  }

  async register(scope: Scope, input: RealtimeClaim): Promise<RealtimeRegistration> {
    const registration = registrationOf(scope, input);
    try {
      await this.collection(input.type).doc(input.id).create(registration);
    } catch (err) {
      if (isAlreadyExists(err)) throw new RealtimeIdTakenError(input.type, input.id);
      throw err;
    }
    return registration;
  }

  async get(scope: Scope, type: RealtimeIdType, id: string): Promise<RealtimeRegistration | null> {
    const found = await getRecord(this.collection(type).doc(id), toRegistration);
    return isOwnedBy(scope, found) ? found : null;
  }

  async *exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    for (const type of REALTIME_ID_TYPES) {
      for await (const doc of this.owned(scope, type))
        yield realtimeRecord(toRegistration(doc.data()));
    }
  }

  /**
   * Stores the registrations as they are, in one transaction per batch. An id another scope
   * holds here is refused with `RealtimeIdTakenError` and nothing of the batch is written: a
   * move never takes an id over.
   */
  async importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    const imported = records.map((r) => toRegistration(realtimeOfRecord(scope, r)));
    if (imported.length === 0) return;
    const refs = imported.map((r) => this.collection(r.type).doc(r.id));
    await this.fs.db.runTransaction(async (tx) => {
      const held = await tx.getAll(...refs);
      held.forEach((snap, i) => {
        const found = recordOrNull(snap, toRegistration);
        const r = imported[i] as RealtimeRegistration;
        if (found !== null && !isOwnedBy(scope, found))
          throw new RealtimeIdTakenError(r.type, r.id);
      });
      imported.forEach((r, i) => tx.set(refs[i] as DocumentReference, r));
    });
  }

  async scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    const projects = new Set<string | null>();
    for (const type of REALTIME_ID_TYPES) {
      const ofEnv = this.collection(type)
        .where('tenant_id', '==', tenantId)
        .where('env', '==', env);
      for await (const doc of realtimeRegistryPages(ofEnv))
        projects.add(toRegistration(doc.data()).project_id);
    }
    return [...projects].map((p) => Scope.of(tenantId, env, p));
  }

  async deleteScope(scope: Scope): Promise<void> {
    for (const type of REALTIME_ID_TYPES) {
      const refs: DocumentReference[] = [];
      for await (const doc of this.owned(scope, type)) refs.push(doc.ref);
      await realtimeRegistryDelete(refs);
    }
  }

  /**
   * The documents of the ids of `type` that `scope` owns. A tenant-wide scope's are found
   * among the tenant's env and kept by their null project here: the emulator has no
   * `== null` filter (StructuredQuery unary filters).
   */
  private async *owned(scope: Scope, type: RealtimeIdType): AsyncIterable<QueryDocumentSnapshot> {
    let query: Query = this.collection(type)
      .where('tenant_id', '==', scope.tenantId)
      .where('env', '==', scope.env);
    if (scope.projectId !== null) query = query.where('project_id', '==', scope.projectId);
    for await (const doc of realtimeRegistryPages(query)) {
      if (isOwnedBy(scope, toRegistration(doc.data()))) yield doc;
    }
  }

  private collection(type: RealtimeIdType): CollectionReference {
    return this.fs.collection(COLLECTIONS[type]);
  }
}

const toRegistration = recordReader('realtime registration', {
  id: text,
  type: oneOf(REALTIME_ID_TYPES),
  tenant_id: text,
  env: text,
  project_id: optionalText,
  created_by: text,
  created_at: instant,
});
