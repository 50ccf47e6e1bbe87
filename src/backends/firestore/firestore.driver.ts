import { Firestore, type CollectionReference } from '@google-cloud/firestore';
import type { Scope } from '../../common/scope/scope';
import { BackendError } from '../backend.error';
import type { BackendConnection, BackendDriver } from '../backend-driver';
import { scopeSegments } from '../scope-path';

/** What a Firestore adapter receives: the client and the route's collection naming. */
export interface FirestoreHandle {
  readonly db: Firestore;
  /** A top-level collection, with the route's `collection_prefix` applied (`ff_flags`). */
  collection(name: string): CollectionReference;
  /** A collection under the scope: `{prefix_}tenants/{tenant}/envs/{env}/projects/{project|-}/{name}`. */
  scoped(scope: Scope, name: string): CollectionReference;
}

/** gRPC status codes that mean "the backend cannot serve now". */
const OUTAGE_CODES = new Set([4, 8, 13, 14]);

/** Builds a Firestore client; with an emulator host it talks plaintext to it. */
export function createFirestoreClient(
  projectId: string,
  databaseId: string,
  emulatorHost: string | null,
): Firestore {
  return new Firestore({
    projectId,
    databaseId,
    ignoreUndefinedProperties: true,
    ...(emulatorHost !== null ? { host: emulatorHost, ssl: false } : {}),
  });
}

function projectOf(
  config: Record<string, unknown>,
  settings: { defaultGcpProjectId: string | null },
): string {
  return (config.project_id as string | undefined) ?? settings.defaultGcpProjectId ?? '';
}

export const firestoreDriver: BackendDriver<Firestore, FirestoreHandle> = {
  type: 'firestore',
  connectionKey: (config) =>
    JSON.stringify([config.project_id ?? null, config.database_id ?? '(default)']),
  connect(config, settings): BackendConnection<Firestore> {
    const db = createFirestoreClient(
      projectOf(config, settings),
      (config.database_id as string | undefined) ?? '(default)',
      settings.firestoreEmulatorHost,
    );
    return { client: db, close: () => db.terminate() };
  },
  handle(connection, config): FirestoreHandle {
    const db = connection.client;
    const prefix = config.collection_prefix as string | undefined;
    const name = (n: string): string => (prefix ? `${prefix}_${n}` : n);
    return {
      db,
      collection: (n) => db.collection(name(n)),
      scoped: (scope, n) => {
        const [tenant, env, project] = scopeSegments(scope);
        return db
          .collection(name('tenants'))
          .doc(tenant)
          .collection('envs')
          .doc(env)
          .collection('projects')
          .doc(project)
          .collection(n);
      },
    };
  },
  async ping(connection) {
    await connection.client.collection('_routing_ping').doc('ping').get();
  },
  translate(err) {
    if (err instanceof BackendError) return err;
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code !== 'number') return null;
    const message = (err as Error).message;
    if (OUTAGE_CODES.has(code))
      return new BackendError('unavailable', `firestore: ${message}`, err);
    if (code === 6) return new BackendError('already_exists', `firestore: ${message}`, err);
    if (code === 5) return new BackendError('not_found', `firestore: ${message}`, err);
    if (code === 10) return new BackendError('conflict', `firestore: ${message}`, err);
    return null;
  },
};

/** True when a Firestore call failed because the document already exists (`create()`). */
export function isAlreadyExists(err: unknown): boolean {
  return firestoreDriver.translate(err)?.reason === 'already_exists';
}
