import type { DocumentData, Firestore } from '@google-cloud/firestore';
import { isAlreadyExists } from '../../backends/firestore/firestore.driver';
import type { Route, RouteInput, RouteKey } from '../route.types';
import { RouteNotFoundError } from '../routing.errors';
import {
  RegistryStore,
  type RegistryState,
  type RevisionPage,
  type RouteRevision,
  type WriteOptions,
} from './registry-store';
import { assertExpectedVersion, makeRevision, nextRoute } from './store-write';

/** Collection names of the registry (top level of the registry's Firestore database). */
export const REGISTRY_COLLECTIONS = {
  routes: 'registry_routes',
  revisions: 'registry_revisions',
  meta: 'registry_meta',
} as const;

/** Stored route: the route fields plus a tombstone flag and the registry version that wrote it. */
interface RouteDoc extends Route {
  deleted: boolean;
  registry_version: number;
  route_id: string;
}

const escapePart = (s: string): string =>
  s.replace(/%/g, '%25').replace(/~/g, '%7E').replace(/\//g, '%2F');

/** Deterministic document id of a route: `kind~tenant~env~project` (`*` for the whole tenant). */
export function routeDocId(key: RouteKey): string {
  return [key.resource_kind, key.tenant_id, key.env, key.project_id ?? '*']
    .map(escapePart)
    .join('~');
}

const revisionDocId = (version: number): string => String(version).padStart(12, '0');

/** How often a write retries after losing the race for a registry version. */
const CLAIM_ATTEMPTS = 10;

/**
 * The production registry store. One document per route key, written in transactions that
 * check `If-Match` against the stored version; a delete leaves a tombstone so versions stay
 * monotonic. Each write creates its revision document first: `create()` of the next
 * registry version is the claim that makes two concurrent writers collide (ALREADY_EXISTS)
 * even where transactions are not isolated (see docs/firestore-emulator.md).
 */
export class FirestoreRegistryStore extends RegistryStore {
  constructor(private readonly db: Firestore) {
    super();
  }

  async load(): Promise<RegistryState> {
    return toState(
      (await this.db.collection(REGISTRY_COLLECTIONS.routes).get()).docs.map((d) => d.data()),
    );
  }

  watch(onState: (state: RegistryState) => void, onError: (err: Error) => void): () => void {
    return this.db
      .collection(REGISTRY_COLLECTIONS.routes)
      .onSnapshot((snap) => onState(toState(snap.docs.map((d) => d.data()))), onError);
  }

  put(input: RouteInput, options: WriteOptions): Promise<Route> {
    return this.write(input, options, (_live, lastVersion, now) =>
      nextRoute(input, lastVersion, options, now),
    );
  }

  /** Leaves a tombstone; resolves to the route as it was before the delete. */
  delete(key: RouteKey, options: WriteOptions): Promise<Route> {
    return this.write(key, options, (live) => {
      if (live === null) throw new RouteNotFoundError(key);
      return null;
    });
  }

  async history(filter: {
    key?: RouteKey;
    beforeVersion?: number;
    limit: number;
  }): Promise<RevisionPage> {
    let q = this.db.collection(REGISTRY_COLLECTIONS.revisions).orderBy('registry_version', 'desc');
    if (filter.key) q = q.where('route_id', '==', routeDocId(filter.key));
    if (filter.beforeVersion !== undefined)
      q = q.where('registry_version', '<', filter.beforeVersion);
    const docs = (await q.limit(filter.limit + 1).get()).docs.map((d) => stripRevision(d.data()));
    const items = docs.slice(0, filter.limit);
    return {
      items,
      next: docs.length > filter.limit ? (items.at(-1)?.registry_version ?? null) : null,
    };
  }

  async revision(registryVersion: number): Promise<RouteRevision | null> {
    const snap = await this.db
      .collection(REGISTRY_COLLECTIONS.revisions)
      .doc(revisionDocId(registryVersion))
      .get();
    return snap.exists ? stripRevision(snap.data() as DocumentData) : null;
  }

  async version(): Promise<number> {
    const meta = await this.db.collection(REGISTRY_COLLECTIONS.meta).doc('state').get();
    return (meta.get('version') as number | undefined) ?? 0;
  }

  async close(): Promise<void> {
    await this.db.terminate();
  }

  /** One transaction: read meta + route, check If-Match, claim the revision, write. */
  private async write(
    key: RouteKey,
    options: WriteOptions,
    produce: (live: Route | null, lastVersion: number, now: Date) => Route | null,
  ): Promise<Route> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.writeOnce(key, options, produce);
      } catch (err) {
        // Another writer claimed the same registry version first: read again and retry.
        if (!isAlreadyExists(err) || attempt >= CLAIM_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)));
      }
    }
  }

  private async writeOnce(
    key: RouteKey,
    options: WriteOptions,
    produce: (live: Route | null, lastVersion: number, now: Date) => Route | null,
  ): Promise<Route> {
    const routeRef = this.db.collection(REGISTRY_COLLECTIONS.routes).doc(routeDocId(key));
    const metaRef = this.db.collection(REGISTRY_COLLECTIONS.meta).doc('state');
    return this.db.runTransaction(async (tx) => {
      const [metaSnap, routeSnap] = await tx.getAll(metaRef, routeRef);
      const stored = routeSnap?.exists ? (routeSnap.data() as RouteDoc) : null;
      const live = stored && !stored.deleted ? toRoute(stored) : null;
      assertExpectedVersion(key, live, options);
      const now = new Date();
      const after = produce(live, stored?.version ?? 0, now);
      const registryVersion = ((metaSnap?.data()?.version as number | undefined) ?? 0) + 1;
      const revision = makeRevision(registryVersion, key, live, after, options, now);
      tx.create(
        this.db.collection(REGISTRY_COLLECTIONS.revisions).doc(revisionDocId(registryVersion)),
        {
          ...revision,
          route_id: routeDocId(key),
        },
      );
      const doc: RouteDoc = {
        ...(after ?? (live as Route)),
        deleted: after === null,
        registry_version: registryVersion,
        route_id: routeDocId(key),
      };
      tx.set(routeRef, doc);
      tx.set(metaRef, { version: registryVersion, updated_at: now.toISOString() });
      return after ?? (live as Route);
    });
  }
}

function toRoute(doc: DocumentData): Route {
  const d = doc as Partial<Route>;
  return {
    resource_kind: d.resource_kind as string,
    tenant_id: d.tenant_id as string,
    env: d.env as Route['env'],
    project_id: d.project_id ?? null,
    backend_type: d.backend_type as Route['backend_type'],
    config: d.config ?? {},
    required: d.required ?? false,
    version: d.version as number,
    updated_at: d.updated_at as string,
    updated_by: d.updated_by as string,
    rationale: d.rationale ?? '',
  };
}

function toState(docs: DocumentData[]): RegistryState {
  const version = docs.reduce(
    (max, d) => Math.max(max, (d.registry_version as number | undefined) ?? 0),
    0,
  );
  return { version, routes: docs.filter((d) => d.deleted !== true).map(toRoute) };
}

function stripRevision(doc: DocumentData): RouteRevision {
  const { route_id: _ignored, ...revision } = doc;
  return revision as RouteRevision;
}
