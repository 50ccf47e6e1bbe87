import { firestoreDriver } from '../../backends/firestore/firestore.driver';
import { withTimeout } from '../../backends/with-timeout';
import type { MoveRecord } from '../moves/move.types';
import type { Route, RouteInput, RouteKey } from '../route.types';
import {
  RegistryStore,
  type BatchWriteOptions,
  type RegistryFeedEvent,
  type RegistryState,
  type RevisionPage,
  type RouteRevision,
  type WriteOptions,
} from './registry-store';
import { StoreUnavailableError } from './store-unavailable.error';

/**
 * Bounds every call of another store by the backend timeout: a store that is down or frozen
 * answers `503 routing.store_unavailable` instead of holding admin requests for minutes.
 * The change feed ({@link watch}) is passed through: it has its own staleness handling.
 */
export class BoundedRegistryStore extends RegistryStore {
  constructor(
    private readonly inner: RegistryStore,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  load(): Promise<RegistryState> {
    return this.bounded('a registry read', false, () => this.inner.load());
  }

  watch(onChange: (event: RegistryFeedEvent) => void, onError: (err: Error) => void): () => void {
    return this.inner.watch(onChange, onError);
  }

  put(input: RouteInput, options: WriteOptions): Promise<Route> {
    return this.bounded('a route write', true, () => this.inner.put(input, options));
  }

  override get maxBatch(): number {
    return this.inner.maxBatch;
  }

  /** One batch (at most {@link maxBatch} routes) is bounded like one write. */
  putMany(inputs: RouteInput[], options: BatchWriteOptions): Promise<Route[]> {
    return this.bounded('a batch of route writes', true, () => this.inner.putMany(inputs, options));
  }

  delete(key: RouteKey, options: WriteOptions): Promise<Route> {
    return this.bounded('a route delete', true, () => this.inner.delete(key, options));
  }

  history(filter: {
    key?: RouteKey;
    beforeVersion?: number;
    limit: number;
  }): Promise<RevisionPage> {
    return this.bounded('a history read', false, () => this.inner.history(filter));
  }

  revision(registryVersion: number): Promise<RouteRevision | null> {
    return this.bounded('a revision read', false, () => this.inner.revision(registryVersion));
  }

  version(): Promise<number> {
    return this.bounded('a version read', false, () => this.inner.version());
  }

  createMove(move: MoveRecord): Promise<void> {
    return this.bounded('a move write', true, () => this.inner.createMove(move));
  }

  updateMove(move: MoveRecord): Promise<MoveRecord> {
    return this.bounded('a move write', true, () => this.inner.updateMove(move));
  }

  getMove(id: string): Promise<MoveRecord | null> {
    return this.bounded('a move read', false, () => this.inner.getMove(id));
  }

  listMoves(filter: { before?: string; limit: number }): Promise<MoveRecord[]> {
    return this.bounded('a move read', false, () => this.inner.listMoves(filter));
  }

  override ping(): Promise<void> {
    return this.bounded('a ping', false, () => this.inner.ping());
  }

  /** Hands a reconnect to the wrapped store (see {@link RegistryStore.reconnect}). */
  override reconnect(): Promise<void> {
    return this.bounded('a ping on a new client', false, () => this.inner.reconnect());
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async bounded<T>(operation: string, write: boolean, work: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(work(), this.timeoutMs, 'the registry store');
    } catch (err) {
      // The store is Firestore or memory; only Firestore reports outages.
      const translated = firestoreDriver.translate(err);
      if (translated?.isOutage !== true) throw err;
      throw new StoreUnavailableError(operation, write, translated.message, this.timeoutMs);
    }
  }
}
