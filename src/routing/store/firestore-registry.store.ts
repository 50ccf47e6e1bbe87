import type { DocumentData, Firestore } from '@google-cloud/firestore';
import { isAlreadyExists } from '../../backends/firestore/firestore.driver';
import { InFlightCalls } from '../../backends/in-flight-calls';
import type { MoveRecord, ScopeFreeze } from '../moves/move.types';
import { sameRouteContent, type Route, type RouteInput, type RouteKey } from '../route.types';
import { RouteNotFoundError } from '../routing.errors';
import {
  idempotencyDocId,
  revisionDocId,
  routeDocId,
  stripRevision,
  toRoute,
  toState,
  type RouteDoc,
} from './registry-docs';
import {
  RegistryStore,
  type BatchWriteOptions,
  type IdempotentWrite,
  type RegistryFeedEvent,
  type RegistryState,
  type RevisionPage,
  type RouteRevision,
  type WriteOptions,
} from './registry-store';
import { FirestoreMoves } from './firestore-moves';
import {
  assertExpectedVersion,
  assertMoveLease,
  makeRevision,
  nextRoute,
  replayOf,
  type IdempotencyRecord,
} from './store-write';

export { routeDocId } from './registry-docs';

/** Collection names of the registry (top level of the registry's Firestore database). */
export const REGISTRY_COLLECTIONS = {
  routes: 'registry_routes',
  revisions: 'registry_revisions',
  meta: 'registry_meta',
  /** One document per `Idempotency-Key` of a registry write, kept like the revisions. */
  idempotency: 'registry_idempotency',
} as const;

/** How often a write retries after losing the race for a registry version. */
const CLAIM_ATTEMPTS = 10;
/** How long a replaced client stays open for calls still running on it. */
const OLD_CLIENT_GRACE_MS = 30_000;
/** How long closing a client waits for the reads still running (retrying) on it. */
const SETTLE_BEFORE_CLOSE_MS = 5_000;
/**
 * Routes a {@link FirestoreRegistryStore.putMany} transaction writes: two documents each
 * (revision, route) plus the meta document, under Firestore's 500 writes per commit.
 */
const FIRESTORE_BATCH = 200;

type Produce = (live: Route | null, lastVersion: number, now: Date) => Route | null;

/**
 * The production registry store. One document per route key, written in transactions that
 * check `If-Match` against the stored version; a delete leaves a tombstone so versions stay
 * monotonic. Each write creates its revision document first: `create()` of the next
 * registry version is the claim that makes two concurrent writers collide (ALREADY_EXISTS)
 * even where transactions are not isolated (see docs/firestore-emulator.md). A write with an
 * `Idempotency-Key` also creates the key's document (`create()` again: one write per key),
 * kept as long as the revisions.
 */
export class FirestoreRegistryStore extends RegistryStore {
  private readonly inFlight = new InFlightCalls<Firestore>();
  private readonly moves = new FirestoreMoves(() => this.db);

  constructor(
    private db: Firestore,
    /** Builds a new client for {@link reconnect}; without it reconnect only pings. */
    private readonly connect?: () => Firestore,
  ) {
    super();
  }

  async load(): Promise<RegistryState> {
    return toState(
      (await this.tracked(this.db.collection(REGISTRY_COLLECTIONS.routes).get())).docs.map((d) =>
        d.data(),
      ),
    );
  }

  /**
   * Two listeners, routes and frozen moves; events are passed on once both have answered.
   * Route events carry the documents that changed (`docChanges()`), not the collection: the
   * listener's first snapshot lists every document, so the first event is `full`.
   */
  watch(onChange: (event: RegistryFeedEvent) => void, onError: (err: Error) => void): () => void {
    let version = 0;
    let full = true;
    let routesSeen = false;
    let pending: RegistryFeedEvent['updates'] = [];
    let freezes: ScopeFreeze[] | null = null;
    const emit = (): void => {
      if (!routesSeen || freezes === null) return;
      const updates = pending;
      pending = [];
      onChange({ version, full, updates, freezes });
      full = false;
    };
    const stopRoutes = this.db.collection(REGISTRY_COLLECTIONS.routes).onSnapshot((snap) => {
      for (const change of snap.docChanges()) {
        const doc = change.doc.data() as RouteDoc;
        version = Math.max(version, doc.registry_version ?? 0);
        const route = toRoute(doc);
        if (change.type === 'removed' || doc.deleted === true) {
          // A `full` event lists live routes only (one not yet passed on may have been listed).
          if (full) pending = pending.filter((u) => routeDocId(u.key) !== change.doc.id);
          else pending.push({ key: route, route: null });
          continue;
        }
        pending.push({ key: route, route });
      }
      routesSeen = true;
      emit();
    }, onError);
    const stopFreezes = this.moves.watchFreezes((next) => {
      freezes = next;
      emit();
    }, onError);
    return () => {
      stopRoutes();
      stopFreezes();
    };
  }

  put(input: RouteInput, options: WriteOptions): Promise<Route> {
    return this.write(input, options, (_live, lastVersion, now) =>
      nextRoute(input, lastVersion, options, now),
    );
  }

  override get maxBatch(): number {
    return FIRESTORE_BATCH;
  }

  /**
   * One transaction per call: every route gets its own registry version and revision
   * document (created first, the claim), then its route document, then the meta document.
   */
  async putMany(inputs: RouteInput[], options: BatchWriteOptions): Promise<Route[]> {
    if (inputs.length > FIRESTORE_BATCH)
      throw new Error(
        `putMany takes at most ${FIRESTORE_BATCH} routes per call (got ${inputs.length}); split the batch by RegistryStore.maxBatch.`,
      );
    if (inputs.length === 0) return [];
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.writeManyOnce(inputs, options);
      } catch (err) {
        if (!isAlreadyExists(err) || attempt >= CLAIM_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)));
      }
    }
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
    const meta = await this.tracked(
      this.db.collection(REGISTRY_COLLECTIONS.meta).doc('state').get(),
    );
    return (meta.get('version') as number | undefined) ?? 0;
  }

  // Move calls are tracked like the heartbeat's reads: the supervisor's periodic check may be
  // running when the app closes, and the client is terminated only after it settles.
  createMove(move: MoveRecord): Promise<void> {
    return this.tracked(this.moves.create(move));
  }

  updateMove(move: MoveRecord): Promise<MoveRecord> {
    return this.tracked(this.moves.update(move));
  }

  getMove(id: string): Promise<MoveRecord | null> {
    return this.tracked(this.moves.get(id));
  }

  listMoves(filter: { before?: string; limit: number }): Promise<MoveRecord[]> {
    return this.tracked(this.moves.list(filter));
  }

  override async reconnect(): Promise<void> {
    if (this.connect === undefined) return this.ping();
    const fresh = this.connect();
    try {
      await fresh.collection(REGISTRY_COLLECTIONS.meta).doc('state').get();
    } catch (err) {
      void fresh.terminate().catch(() => undefined);
      throw err;
    }
    const old = this.db;
    this.db = fresh;
    setTimeout(() => void this.terminate(old).catch(() => undefined), OLD_CLIENT_GRACE_MS).unref();
  }

  async close(): Promise<void> {
    await this.terminate(this.db);
  }

  /**
   * A read counted on the client it runs on until it settles: the heartbeat's version reads go
   * on retrying inside the client while the store is down, and terminating a client under
   * them fails out of band (an unhandled rejection), so a client is closed after they settle.
   */
  private tracked<T>(work: Promise<T>): Promise<T> {
    this.inFlight.track(this.db, work);
    return work;
  }

  private async terminate(client: Firestore): Promise<void> {
    await this.inFlight.settled(client, SETTLE_BEFORE_CLOSE_MS);
    await client.terminate();
  }

  private async write(key: RouteKey, options: WriteOptions, produce: Produce): Promise<Route> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const replayed = options.idempotency ? await this.replay(options.idempotency) : null;
        return replayed ?? (await this.writeOnce(key, options, produce));
      } catch (err) {
        // Another writer claimed the same registry version (or key) first: read again, retry.
        // A key seen inside the transaction was written meanwhile: the next replay finds it.
        const claimed = isAlreadyExists(err) || err instanceof KeyWrittenMeanwhile;
        if (!claimed || attempt >= CLAIM_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)));
      }
    }
  }

  /** The first outcome of a write already made with this key, or null. */
  private async replay(asked: IdempotentWrite): Promise<Route | null> {
    const keySnap = await this.db
      .collection(REGISTRY_COLLECTIONS.idempotency)
      .doc(idempotencyDocId(asked.key))
      .get();
    if (!keySnap.exists) return null;
    const record = keySnap.data() as IdempotencyRecord;
    const revision = await this.revision(record.registry_version);
    if (revision?.idempotency_key !== asked.key) return null;
    return replayOf(record, revision, asked);
  }

  /** One transaction: read meta + route, check If-Match, claim the revision (and key), write. */
  private async writeOnce(key: RouteKey, options: WriteOptions, produce: Produce): Promise<Route> {
    const routeRef = this.db.collection(REGISTRY_COLLECTIONS.routes).doc(routeDocId(key));
    const metaRef = this.db.collection(REGISTRY_COLLECTIONS.meta).doc('state');
    const idem = options.idempotency;
    const keyRef = this.db
      .collection(REGISTRY_COLLECTIONS.idempotency)
      .doc(idempotencyDocId(idem?.key ?? '-'));
    return this.db.runTransaction(async (tx) => {
      // Reading the key in the transaction too: a first attempt that landed after this
      // request's replay check (a write answered 503, then retried) is replayed, not repeated.
      // On the emulator, whose commits are not atomic, this also keeps a failed key claim from
      // leaving a stray revision behind.
      const refs = idem === undefined ? [metaRef, routeRef] : [metaRef, routeRef, keyRef];
      const [metaSnap, routeSnap, keySnap] = await tx.getAll(...refs);
      if (keySnap?.exists === true) throw new KeyWrittenMeanwhile();
      const lease = options.moveLease;
      if (lease) assertMoveLease(await this.moves.read(tx, lease.moveId), lease, new Date());
      const stored = routeSnap?.exists ? (routeSnap.data() as RouteDoc) : null;
      const live = stored && !stored.deleted ? toRoute(stored) : null;
      assertExpectedVersion(key, live, options);
      const now = new Date();
      const after = produce(live, stored?.version ?? 0, now);
      const registryVersion = ((metaSnap?.data()?.version as number | undefined) ?? 0) + 1;
      const revision = makeRevision(registryVersion, key, live, after, options, now);
      // The revision first: creating the next version is the claim (see the class comment).
      tx.create(
        this.db.collection(REGISTRY_COLLECTIONS.revisions).doc(revisionDocId(registryVersion)),
        { ...revision, route_id: routeDocId(key), request_hash: idem?.fingerprint ?? null },
      );
      if (idem !== undefined) {
        const record: IdempotencyRecord & { created_at: string } = {
          key: idem.key,
          fingerprint: idem.fingerprint,
          registry_version: registryVersion,
          created_at: now.toISOString(),
        };
        tx.create(keyRef, record);
      }
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

  private async writeManyOnce(inputs: RouteInput[], options: BatchWriteOptions): Promise<Route[]> {
    const routes = this.db.collection(REGISTRY_COLLECTIONS.routes);
    const metaRef = this.db.collection(REGISTRY_COLLECTIONS.meta).doc('state');
    const ids = [...new Set(inputs.map((i) => routeDocId(i)))];
    return this.db.runTransaction(async (tx) => {
      const [metaSnap, ...snaps] = await tx.getAll(metaRef, ...ids.map((id) => routes.doc(id)));
      const stored = new Map<string, RouteDoc | null>(
        ids.map((id, i) => [id, snaps[i]?.exists ? (snaps[i].data() as RouteDoc) : null]),
      );
      let registryVersion = (metaSnap?.data()?.version as number | undefined) ?? 0;
      const now = new Date();
      const at = now.toISOString();
      const written: Route[] = [];
      const docs = new Map<string, RouteDoc>();
      for (const input of inputs) {
        const id = routeDocId(input);
        const doc = docs.get(id) ?? stored.get(id) ?? null;
        const live = doc && !doc.deleted ? toRoute(doc) : null;
        if (options.onlyChanged === true && sameRouteContent(live ?? undefined, input)) continue;
        const after = nextRoute(input, doc?.version ?? 0, options, now, at);
        registryVersion += 1;
        const revision = makeRevision(registryVersion, input, live, after, options, now, at);
        tx.create(
          this.db.collection(REGISTRY_COLLECTIONS.revisions).doc(revisionDocId(registryVersion)),
          { ...revision, route_id: id, request_hash: null },
        );
        docs.set(id, { ...after, deleted: false, registry_version: registryVersion, route_id: id });
        written.push(after);
      }
      if (written.length === 0) return written;
      for (const [id, doc] of docs) tx.set(routes.doc(id), doc);
      tx.set(metaRef, { version: registryVersion, updated_at: at });
      return written;
    });
  }
}

/** The write's `Idempotency-Key` was recorded by another attempt after the replay check. */
class KeyWrittenMeanwhile extends Error {}
