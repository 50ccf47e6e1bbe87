import type { Route, RouteInput, RouteKey } from '../route.types';
import { routeKeyId, sameRouteContent } from '../route.types';
import { RouteNotFoundError } from '../routing.errors';
import { RouteKeyMap } from './route-key-map';
import {
  RegistryStore,
  type BatchWriteOptions,
  type RegistryFeedEvent,
  type RegistryState,
  type RouteUpdate,
  type RevisionPage,
  type RouteRevision,
  type WriteOptions,
} from './registry-store';
import { freezeOf, type MoveRecord, type ScopeFreeze } from '../moves/move.types';
import { MoveChangedError } from '../moves/moves.errors';
import {
  assertExpectedVersion,
  assertMoveLease,
  makeRevision,
  nextRoute,
  replayOf,
  type IdempotencyRecord,
} from './store-write';

interface Entry {
  route: Route;
  deleted: boolean;
}

/** Routes a {@link MemoryRegistryStore.putMany} call takes (one commit, one feed event). */
const MEMORY_BATCH = 5000;

/**
 * In-process registry for dev and test (config refuses it elsewhere). Forgets at restart.
 * A commit tells watchers only what it changed (never a copy of every entry), so writing n
 * routes costs O(n) in all.
 */
export class MemoryRegistryStore extends RegistryStore {
  private readonly entries = new RouteKeyMap<Entry>();
  private readonly revisions: RouteRevision[] = [];
  private readonly listeners = new Set<(event: RegistryFeedEvent) => void>();
  private readonly keys = new Map<string, IdempotencyRecord>();
  private readonly moves = new Map<string, MoveRecord>();
  /** Freezes of the frozen moves, recomputed when a move changes. */
  private freezes: ScopeFreeze[] = [];
  private current = 0;

  load(): Promise<RegistryState> {
    return Promise.resolve(this.state());
  }

  watch(onChange: (event: RegistryFeedEvent) => void): () => void {
    this.listeners.add(onChange);
    const updates: RouteUpdate[] = [];
    for (const e of this.entries.values())
      if (!e.deleted) updates.push({ key: e.route, route: e.route });
    onChange({ version: this.current, full: true, updates, freezes: this.freezes });
    return () => this.listeners.delete(onChange);
  }

  override get maxBatch(): number {
    return MEMORY_BATCH;
  }

  /** One revision per route (history reads as if they were put one by one), one feed event. */
  async putMany(inputs: RouteInput[], options: BatchWriteOptions): Promise<Route[]> {
    await Promise.resolve();
    if (inputs.length > MEMORY_BATCH)
      throw new Error(
        `putMany takes at most ${MEMORY_BATCH} routes per call (got ${inputs.length}); split the batch by RegistryStore.maxBatch.`,
      );
    const now = new Date();
    const at = now.toISOString();
    const written: Route[] = [];
    const updates: RouteUpdate[] = [];
    for (const input of inputs) {
      const entry = this.entries.get(input);
      const live = entry && !entry.deleted ? entry.route : null;
      if (options.onlyChanged === true && sameRouteContent(live ?? undefined, input)) continue;
      const route = nextRoute(input, entry?.route.version ?? 0, options, now, at);
      this.entries.set(route, { route, deleted: false });
      this.current += 1;
      this.revisions.push(makeRevision(this.current, input, live, route, options, now, at));
      written.push(route);
      // Nobody watches while the seeder runs at boot (the registry starts after it).
      if (this.listeners.size > 0) updates.push({ key: route, route });
    }
    if (written.length > 0) this.notify(updates);
    return written;
  }

  /** Async, so that a refused write is a rejected promise like every store's (never a throw). */
  async put(input: RouteInput, options: WriteOptions): Promise<Route> {
    await Promise.resolve();
    const replayed = this.replay(options);
    if (replayed !== null) return replayed;
    const entry = this.entries.get(input);
    const live = entry && !entry.deleted ? entry.route : null;
    assertExpectedVersion(input, live, options);
    const now = new Date();
    if (options.moveLease)
      assertMoveLease(this.moves.get(options.moveLease.moveId) ?? null, options.moveLease, now);
    const route = nextRoute(input, entry?.route.version ?? 0, options, now);
    this.commit(
      { route, deleted: false },
      { key: route, route },
      makeRevision(this.current + 1, input, live, route, options, now),
      options,
    );
    return route;
  }

  delete(key: RouteKey, options: WriteOptions): Promise<Route> {
    const replayed = this.replay(options);
    if (replayed !== null) return Promise.resolve(replayed);
    const entry = this.entries.get(key);
    if (!entry || entry.deleted) return Promise.reject(new RouteNotFoundError(key));
    assertExpectedVersion(key, entry.route, options);
    const now = new Date();
    this.commit(
      { route: entry.route, deleted: true },
      { key: entry.route, route: null },
      makeRevision(this.current + 1, key, entry.route, null, options, now),
      options,
    );
    return Promise.resolve(entry.route);
  }

  history(filter: {
    key?: RouteKey;
    beforeVersion?: number;
    limit: number;
  }): Promise<RevisionPage> {
    const wanted = filter.key ? routeKeyId(filter.key) : null;
    const matching = this.revisions
      .filter(
        (r) => filter.beforeVersion === undefined || r.registry_version < filter.beforeVersion,
      )
      .filter((r) => wanted === null || routeKeyId(r) === wanted)
      .reverse();
    const items = matching.slice(0, filter.limit);
    const more = matching.length > filter.limit;
    return Promise.resolve({ items, next: more ? (items.at(-1)?.registry_version ?? null) : null });
  }

  revision(registryVersion: number): Promise<RouteRevision | null> {
    return Promise.resolve(
      this.revisions.find((r) => r.registry_version === registryVersion) ?? null,
    );
  }

  version(): Promise<number> {
    return Promise.resolve(this.current);
  }

  createMove(move: MoveRecord): Promise<void> {
    if (this.moves.has(move.id)) return Promise.reject(new Error(`move ${move.id} exists`));
    this.moves.set(move.id, structuredClone(move));
    this.freezesChanged();
    return Promise.resolve();
  }

  updateMove(move: MoveRecord): Promise<MoveRecord> {
    const stored = this.moves.get(move.id);
    if (stored?.revision !== move.revision)
      return Promise.reject(new MoveChangedError(move.id, move.revision, stored?.revision ?? null));
    const next = { ...structuredClone(move), revision: move.revision + 1 };
    this.moves.set(move.id, next);
    // A freeze travels with the registry state, like a route change.
    if (stored.frozen || next.frozen) this.freezesChanged();
    return Promise.resolve(structuredClone(next));
  }

  getMove(id: string): Promise<MoveRecord | null> {
    const move = this.moves.get(id);
    return Promise.resolve(move === undefined ? null : structuredClone(move));
  }

  listMoves(filter: { before?: string; limit: number }): Promise<MoveRecord[]> {
    return Promise.resolve(
      [...this.moves.values()]
        .filter((m) => filter.before === undefined || m.id < filter.before)
        .sort((a, b) => (a.id < b.id ? 1 : -1))
        .slice(0, filter.limit)
        .map((m) => structuredClone(m)),
    );
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }

  /** The first outcome of a write already made with this key, or null (throws on reuse). */
  private replay(options: WriteOptions): Route | null {
    const asked = options.idempotency;
    const record = asked === undefined ? undefined : this.keys.get(asked.key);
    if (asked === undefined || record === undefined) return null;
    const revision = this.revisions.find((r) => r.registry_version === record.registry_version);
    return revision === undefined ? null : replayOf(record, revision, asked);
  }

  private commit(
    entry: Entry,
    update: RouteUpdate,
    revision: RouteRevision,
    options: WriteOptions,
  ): void {
    if (options.idempotency !== undefined)
      this.keys.set(options.idempotency.key, {
        ...options.idempotency,
        registry_version: revision.registry_version,
      });
    this.entries.set(entry.route, entry);
    this.revisions.push(revision);
    this.current = revision.registry_version;
    this.notify([update]);
  }

  private freezesChanged(): void {
    this.freezes = [...this.moves.values()]
      .map(freezeOf)
      .filter((f): f is ScopeFreeze => f !== null);
    this.notify([]);
  }

  private notify(updates: RouteUpdate[]): void {
    const event: RegistryFeedEvent = {
      version: this.current,
      full: false,
      updates,
      freezes: this.freezes,
    };
    for (const listener of this.listeners) listener(event);
  }

  /** The whole registry (a copy: for {@link load} only, never per commit). */
  private state(): RegistryState {
    const routes: Route[] = [];
    for (const e of this.entries.values()) if (!e.deleted) routes.push(e.route);
    return { version: this.current, routes, freezes: this.freezes };
  }
}
