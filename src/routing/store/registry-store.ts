import type { Env } from '../../common/scope/scope';
import type { MoveRecord, ScopeFreeze } from '../moves/move.types';
import type { Route, RouteInput, RouteKey } from '../route.types';

/** Everything the registry holds at one registry version. */
export interface RegistryState {
  /** Registry-wide version: incremented by every write (0 for an empty registry). */
  version: number;
  /** Live routes (deleted ones excluded), every env. */
  routes: Route[];
  /** Scopes frozen by running moves, every env (see `src/routing/moves`). */
  freezes: ScopeFreeze[];
}

/** One route written (`route`) or deleted (`route: null`), as the change feed reports it. */
export interface RouteUpdate {
  key: RouteKey;
  route: Route | null;
}

/**
 * One event of the change feed ({@link RegistryStore.watch}): what changed since the
 * previous event of the same watch, not the whole registry, so a change costs its size.
 */
export interface RegistryFeedEvent {
  /** Registry version after this event. */
  version: number;
  /**
   * True for the first event of a watch (and whenever the feed re-read everything): `updates`
   * then holds every live route, and routes absent from it are gone.
   */
  full: boolean;
  /** Routes written or deleted, in order (every live route when `full`). */
  updates: RouteUpdate[];
  /** Scopes frozen by running moves, every env: always the whole current list (it is short). */
  freezes: ScopeFreeze[];
}

/** Who writes a batch of routes (seeding). */
export type BatchWriteOptions = Pick<WriteOptions, 'actor' | 'reason'> & {
  /** Skip a route whose live version already says the same (`sameRouteContent`). */
  onlyChanged?: boolean;
};

/** One immutable entry of the registry's history. */
export interface RouteRevision {
  /** The registry version this write produced; revisions are ordered by it. */
  registry_version: number;
  action: 'put' | 'delete';
  resource_kind: string;
  tenant_id: string;
  env: Env;
  project_id: string | null;
  before: Route | null;
  after: Route | null;
  actor: string;
  reason: string;
  at: string;
  /** The `Idempotency-Key` of the request that made this write, when it sent one. */
  idempotency_key?: string;
}

/** A write's `Idempotency-Key` and the fingerprint of its request (method, path, body). */
export interface IdempotentWrite {
  key: string;
  fingerprint: string;
}

/** Who writes, why, and against which version (`If-Match`). */
export interface WriteOptions {
  actor: string;
  reason?: string;
  /** When set, the write fails with a version conflict unless the live route has it. */
  expectedVersion?: number;
  /**
   * When set, a write already made with this key is not made again: the same request gets
   * that write's outcome, a different request `422 idempotency.key_reused`.
   */
  idempotency?: IdempotentWrite;
  /**
   * A move's switch: the write happens only if, in the same transaction, the move's lease is
   * still held by `owner` for at least `minRemainingMs` (so a runner whose freeze lapsed can
   * never switch a route over writes it did not copy).
   */
  moveLease?: { moveId: string; owner: string; minRemainingMs: number };
}

/** A page of history, newest first. */
export interface RevisionPage {
  items: RouteRevision[];
  /** Pass back as `beforeVersion` for the next page; null at the end. */
  next: number | null;
}

/**
 * Where routes are kept. Writes are transactional with optimistic concurrency on the route
 * `version`, and each write appends one revision. Implementations: Firestore (production)
 * and in-memory (dev/test only).
 */
export abstract class RegistryStore {
  /** Reads the whole registry once. */
  abstract load(): Promise<RegistryState>;

  /**
   * Calls `onChange` with the whole registry now (`full`) and with what changed after every
   * change, until the returned function is called. `onError` reports that the store is
   * unreachable (the caller keeps its last state); a later `onChange` means it is back.
   */
  abstract watch(
    onChange: (event: RegistryFeedEvent) => void,
    onError: (err: Error) => void,
  ): () => void;

  /** Creates or replaces a route; returns it with its new version and metadata. */
  abstract put(input: RouteInput, options: WriteOptions): Promise<Route>;

  /** The most routes {@link putMany} takes in one call (one commit). */
  get maxBatch(): number {
    return 1;
  }

  /**
   * Creates or replaces routes (at most {@link maxBatch}; seeding) and returns those it
   * wrote: each gets its own registry version and revision, as if put one by one, but the
   * batch is one commit and one change-feed event. With `onlyChanged`, a route whose live
   * version says the same (or an earlier input of the batch did) is not written.
   */
  abstract putMany(inputs: RouteInput[], options: BatchWriteOptions): Promise<Route[]>;

  /** Deletes a route; returns the deleted route. Throws route_not_found when absent. */
  abstract delete(key: RouteKey, options: WriteOptions): Promise<Route>;

  /** History, newest first, optionally for one route only. */
  abstract history(filter: {
    key?: RouteKey;
    beforeVersion?: number;
    limit: number;
  }): Promise<RevisionPage>;

  /** The revision that produced a registry version, or null. */
  abstract revision(registryVersion: number): Promise<RouteRevision | null>;

  /** The current registry version (one small read, not the whole registry). */
  abstract version(): Promise<number>;

  /** Stores a new move (its id must be new). */
  abstract createMove(move: MoveRecord): Promise<void>;

  /**
   * Replaces a move if its stored `revision` is `move.revision`, storing it with revision + 1
   * (returned). Throws `MoveChangedError` when another write came first.
   */
  abstract updateMove(move: MoveRecord): Promise<MoveRecord>;

  abstract getMove(id: string): Promise<MoveRecord | null>;

  /** Moves, newest first; `before` is the id of the last move of the previous page. */
  abstract listMoves(filter: { before?: string; limit: number }): Promise<MoveRecord[]>;

  /** Resolves when the store answers a cheap read; rejects when it is unreachable. */
  ping(): Promise<void> {
    return this.version().then(() => undefined);
  }

  /**
   * Checks the store on a new client and, when it answers, uses that client from now on.
   * After a long outage a client's connection may take many seconds to serve again; a new
   * one serves at once. Stores without such a client just ping.
   */
  reconnect(): Promise<void> {
    return this.ping();
  }

  /** Releases clients and listeners. */
  abstract close(): Promise<void>;
}
