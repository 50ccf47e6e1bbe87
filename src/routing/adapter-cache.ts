import { Injectable } from '@nestjs/common';
import { BackendClients } from '../backends/backend-clients';
import type { BackendConnection, BackendDriver } from '../backends/backend-driver';
import type { CircuitBreaker } from '../backends/circuit-breaker';
import { BACKEND_DRIVERS } from '../backends/drivers';
import type { AdapterBuilders } from './adapter-builders';
import type { AppliedChange, RegistrySnapshot } from './registry-snapshot';
import { canonicalConfig, type Route } from './route.types';
import { RoutingRegistry } from './routing-registry';
import { type BackendType } from '../backends/backend-type';

/** An adapter built for one (kind, backend, config), with what it runs on. */
export interface AdapterLease {
  /** {@link adapterKey} of this adapter. */
  readonly key: string;
  readonly kind: string;
  readonly route: Route;
  readonly adapter: Record<string, unknown>;
  readonly driver: BackendDriver;
  readonly connection: BackendConnection;
  /** The breaker of the pooled client (null for clients that are never guarded). */
  readonly breaker: CircuitBreaker | null;
  /** Builds the adapter again on another connection (after the client was replaced). */
  readonly rebuild: (connection: BackendConnection) => Record<string, unknown>;
}

/** Identity of an adapter: routes with the same kind, backend and config share one. */
export function adapterKey(
  kind: string,
  type: BackendType,
  config: Record<string, unknown>,
): string {
  return `${kind}|${type}|${canonicalConfig(config)}`;
}

/**
 * Adapters in use, keyed by {@link adapterKey}. Every snapshot the registry applies is
 * checked here: an adapter no route references any more is dropped and its client released
 * (closed after the drain period), so requests pinned to it finish while new ones use the
 * new backend.
 */
@Injectable()
export class AdapterCache {
  private readonly leases = new Map<string, AdapterLease>();
  /** Fast path: route objects are stable within a snapshot, so most calls skip the key. */
  private readonly byRoute = new WeakMap<Route, AdapterLease>();
  /** Adapters held outside the registry (a move's source and target), by key, with a count. */
  private readonly held = new Map<string, number>();
  /**
   * For kinds whose adapters were checked since the last full check: how many routes in
   * force reference each adapter key. Kept per change; dropped (recounted when needed) when
   * the registry is re-read.
   */
  private readonly refs = new Map<string, Map<string, number>>();

  constructor(
    private readonly clients: BackendClients,
    registry: RoutingRegistry,
  ) {
    clients.onReplaced((old, fresh) => this.replaceConnection(old, fresh));
    registry.onApplied((snapshot, _previous, changes) =>
      changes === null ? this.retainOnly(snapshot) : this.retainChanged(snapshot, changes),
    );
  }

  get(kind: string, route: Route, builders: AdapterBuilders<unknown>): AdapterLease {
    const known = this.byRoute.get(route);
    if (known !== undefined && this.leases.get(known.key) === known) return known;
    const key = adapterKey(kind, route.backend_type, route.config);
    const cached = this.leases.get(key);
    if (cached !== undefined) {
      this.byRoute.set(route, cached);
      return cached;
    }
    const driver = BACKEND_DRIVERS[route.backend_type];
    const connection = this.clients.acquire(driver, route.config);
    const build = builders[route.backend_type] as
      ((handle: unknown, config: Record<string, unknown>) => unknown) | undefined;
    if (build === undefined) {
      this.clients.release(driver, route.config);
      throw new Error(
        `${kind} has no ${route.backend_type} adapter; the policy should have refused this route.`,
      );
    }
    const rebuild = (on: BackendConnection): Record<string, unknown> =>
      build(driver.handle(on, route.config), route.config) as Record<string, unknown>;
    const breaker = this.clients.breaker(driver, route.config);
    const adapter = rebuild(connection);
    const lease: AdapterLease = { key, kind, route, adapter, driver, connection, breaker, rebuild };
    this.leases.set(key, lease);
    this.byRoute.set(route, lease);
    return lease;
  }

  /**
   * An adapter for a route that need not be in the registry (a move's target), kept until
   * `release()` even when no route references it: an in-memory target keeps what was copied
   * into it, and becomes the adapter of the route once the move switches.
   */
  hold(
    kind: string,
    route: Route,
    builders: AdapterBuilders<unknown>,
  ): { lease: AdapterLease; release: () => void } {
    const lease = this.get(kind, route, builders);
    this.held.set(lease.key, (this.held.get(lease.key) ?? 0) + 1);
    let released = false;
    return {
      lease,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.held.get(lease.key) ?? 1) - 1;
        if (left > 0) this.held.set(lease.key, left);
        else this.held.delete(lease.key);
      },
    };
  }

  /**
   * Counts a call made on a lease's adapter outside the routed proxy (a move's export or
   * import) as running on its client, so the client is not closed under it.
   */
  track(lease: AdapterLease, work: Promise<unknown>): void {
    this.clients.track(lease.connection, work);
  }

  /**
   * After an incremental change: drops the adapters of routes that `changes` replaced or
   * removed when no route in force references them any more. O(changes), plus one count of a
   * kind's routes the first time one of its adapters may have lost its last route.
   */
  retainChanged(snapshot: RegistrySnapshot, changes: readonly AppliedChange[]): void {
    for (const { before, after } of changes) {
      if (before !== undefined) this.recount(before, -1);
      if (after !== undefined) this.recount(after, +1);
    }
    for (const { before } of changes) {
      if (before === undefined) continue;
      const key = adapterKey(before.resource_kind, before.backend_type, before.config);
      const lease = this.leases.get(key);
      if (lease === undefined || this.held.has(key)) continue;
      if ((this.refsOf(lease.kind, snapshot).get(key) ?? 0) > 0) continue;
      this.leases.delete(key);
      this.clients.release(lease.driver, lease.route.config);
    }
  }

  /** Adjusts a kind's reference counts, when they are kept (else they are counted when needed). */
  private recount(route: Route, delta: number): void {
    const refs = this.refs.get(route.resource_kind);
    if (refs === undefined) return;
    const key = adapterKey(route.resource_kind, route.backend_type, route.config);
    const n = (refs.get(key) ?? 0) + delta;
    if (n > 0) refs.set(key, n);
    else refs.delete(key);
  }

  /** Routes in force per adapter key of a kind, counted once and then kept per change. */
  private refsOf(kind: string, snapshot: RegistrySnapshot): Map<string, number> {
    let refs = this.refs.get(kind);
    if (refs !== undefined) return refs;
    refs = new Map();
    for (const r of snapshot.routesOf(kind)) {
      const key = adapterKey(r.resource_kind, r.backend_type, r.config);
      refs.set(key, (refs.get(key) ?? 0) + 1);
    }
    this.refs.set(kind, refs);
    return refs;
  }

  /** Drops adapters no route of the snapshot references any more. */
  retainOnly(snapshot: RegistrySnapshot): void {
    this.refs.clear();
    // Only routes of kinds that have adapters can keep one alive: key just those.
    const kinds = new Set([...this.leases.values()].map((l) => l.kind));
    const live = new Set(
      snapshot
        .routes()
        .filter((r) => kinds.has(r.resource_kind))
        .map((r) => adapterKey(r.resource_kind, r.backend_type, r.config)),
    );
    for (const [key, lease] of this.leases) {
      if (live.has(key) || this.held.has(key)) continue;
      this.leases.delete(key);
      this.clients.release(lease.driver, lease.route.config);
    }
  }

  /**
   * A pooled client was replaced after an outage: new requests get adapters on the fresh
   * client; requests pinned to the old lease finish on the old client (closed after a drain).
   */
  private replaceConnection(old: BackendConnection, fresh: BackendConnection): void {
    for (const [key, lease] of this.leases) {
      if (lease.connection !== old) continue;
      this.leases.set(key, { ...lease, connection: fresh, adapter: lease.rebuild(fresh) });
    }
  }

  /** Adapters currently in use (health pings them). */
  inUse(): AdapterLease[] {
    return [...this.leases.values()];
  }
}
