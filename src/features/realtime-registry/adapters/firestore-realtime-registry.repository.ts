import type { CollectionReference } from '@google-cloud/firestore';
import {
  isAlreadyExists,
  type FirestoreHandle,
} from '../../../backends/firestore/firestore.driver';
import { getRecord } from '../../../backends/firestore/record-documents';
import {
  instant,
  oneOf,
  optionalText,
  recordReader,
  text,
} from '../../../backends/firestore/record-schema';
import type { Scope } from '../../../common/scope/scope';
import { RealtimeRegistryRepository } from '../realtime-registry.repository';
import {
  REALTIME_ID_TYPES,
  type RealtimeIdType,
  type RealtimeRegistration,
} from '../realtime-registry.types';
import { RealtimeIdTakenError } from '../realtime-registry.errors';
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
export class FirestoreRealtimeRegistryRepository extends RealtimeRegistryRepository {
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
