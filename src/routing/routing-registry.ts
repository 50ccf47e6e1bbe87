import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { withTimeout } from '../backends/with-timeout';
import { appConfig } from '../config/app.config';
import { registryConfig } from '../config/registry.config';
import { backendsConfig } from '../config/backends.config';
import type { RouteProblem } from './policy/route-problem';
import { RegistrySnapshot, type AppliedChange, type RejectedRoute } from './registry-snapshot';
import type { RouteLookup } from './route-index';
import { routeKeyId, type Route } from './route.types';
import { RouteValidator } from './route-validator';
import { RegistryStore, type RegistryFeedEvent } from './store/registry-store';

/** What `/routing/status` and `/health/ready` report about this instance. */
export interface RegistryStatus {
  instance_id: string;
  env: string;
  applied_version: number;
  applied_at: string | null;
  stale: boolean;
  /** While stale: the last good contact with the store (heartbeat answered or feed event). */
  stale_since: string | null;
  /** While stale: seconds since that last good contact (0 when fresh). */
  staleness_seconds: number;
  last_error: string | null;
  /** Live changes the policy refused at the applied version (the previous route stays). */
  rejected: RejectedRoute[];
  /** True when Firestore clients talk to an emulator (`FIRESTORE_EMULATOR_HOST`). */
  emulator: boolean;
}

/** Heartbeat period while the store is unreachable (capped by `ROUTING_HEARTBEAT_MS`). */
const STALE_HEARTBEAT_MS = 250;
/** Store checks that may wait at the same time while stale. */
const MAX_STALE_CHECKS = 4;

/**
 * Called after every applied change with the new snapshot, the one before, and the routes in
 * force that changed (null when the whole registry was re-read: compare the snapshots).
 */
type AppliedListener = (
  snapshot: RegistrySnapshot,
  previous: RegistrySnapshot,
  changes: readonly AppliedChange[] | null,
) => void;

/**
 * This instance's view of the registry: the last applied snapshot, kept current by the
 * store's change feed. A change the policy refuses keeps the route in force (last known
 * good). A heartbeat checks the store; while it is unreachable the snapshot stays and is
 * reported stale, and when it answers again the feed is re-opened so the instance catches up.
 */
@Injectable()
export class RoutingRegistry implements OnModuleDestroy {
  private readonly logger = new Logger('RoutingRegistry');
  private current: RegistrySnapshot;
  /**
   * Stored routes of this env that the policy refuses, by routeKeyId, with their problems.
   * Every other stored route of this env is the one in force: the snapshot is the stored
   * registry except at these keys (no second index of every route).
   */
  private readonly refused = new Map<string, { route: Route; problems: RouteProblem[] }>();
  private unsubscribe: (() => void) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private stopped = false;
  private checksInFlight = 0;
  private resubscribing = false;
  private staleSince: Date | null = null;
  /** Last heartbeat answered or feed state received: staleness counts from here. */
  private lastContact: Date | null = null;
  private lastError: string | null = null;
  private readonly listeners = new Set<AppliedListener>();
  private started: Promise<void> | null = null;

  constructor(
    private readonly store: RegistryStore,
    private readonly validator: RouteValidator,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(registryConfig.KEY)
    private readonly registrySettings: ConfigType<typeof registryConfig>,
    @Inject(backendsConfig.KEY) private readonly backends: ConfigType<typeof backendsConfig>,
  ) {
    this.current = RegistrySnapshot.empty(registrySettings.env);
  }

  /** Opens the change feed and resolves once the first state is applied. */
  start(): Promise<void> {
    this.started ??= this.subscribe().then(() => this.scheduleBeat());
    return this.started;
  }

  /** True once {@link start} was called (false in offline tools). */
  get running(): boolean {
    return this.started !== null;
  }

  get snapshot(): RegistrySnapshot {
    return this.current;
  }

  /**
   * The stored route of this instance's env at exactly (kind, tenant, env, project) as last
   * received (deleted ones excluded), including one the policy refuses. A {@link RouteLookup}.
   */
  readonly storedRoutes: RouteLookup = {
    find: (kind, tenantId, env, projectId) =>
      this.refused.get(
        routeKeyId({ resource_kind: kind, tenant_id: tenantId, env, project_id: projectId }),
      )?.route ?? this.current.find(kind, tenantId, env, projectId),
  };

  /** Stored routes of this env with `required: true` that the policy accepts. */
  requiredRoutes(): Route[] {
    const out: Route[] = [];
    for (const route of this.current.routes())
      if (route.required && !this.refused.has(routeKeyId(route))) out.push(route);
    return out;
  }

  /** The policy problems of every stored route of this env that is refused (in force or not). */
  refusedProblems(): RouteProblem[] {
    return [...this.refused.values()].flatMap((r) => r.problems);
  }

  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once this instance has applied `version` (or rejects after `ms`). */
  async waitForVersion(version: number, ms = 2000): Promise<void> {
    const until = Date.now() + ms;
    while (this.current.version < version) {
      if (Date.now() > until)
        throw new Error(`registry version ${version} was not applied within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  status(): RegistryStatus {
    return {
      instance_id: this.app.instanceId,
      env: this.registrySettings.env,
      applied_version: this.current.version,
      applied_at: this.current.version < 0 ? null : this.current.appliedAt.toISOString(),
      stale: this.staleSince !== null,
      stale_since: this.staleSince?.toISOString() ?? null,
      staleness_seconds:
        this.staleSince === null ? 0 : (Date.now() - this.staleSince.getTime()) / 1000,
      last_error: this.lastError,
      rejected: this.current.rejected,
      emulator: this.backends.firestoreEmulatorHost !== null,
    };
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.stopped = true;
    if (this.heartbeat !== null) clearTimeout(this.heartbeat);
    this.listeners.clear();
  }

  /** (Re)opens the change feed; resolves on its first state, rejects on its first error. */
  private subscribe(): Promise<void> {
    this.unsubscribe?.();
    return new Promise<void>((resolve, reject) => {
      let first = true;
      this.unsubscribe = this.store.watch(
        (event) => {
          this.apply(event);
          if (first) resolve();
          first = false;
        },
        (err) => {
          this.markStale(err);
          if (first) reject(err);
          first = false;
        },
      );
    });
  }

  /**
   * The next heartbeat: every `ROUTING_HEARTBEAT_MS` while fresh. While stale, a check starts
   * every {@link STALE_HEARTBEAT_MS} even if earlier ones still wait (a new client's first
   * call may sit in its retry backoff), so the instance catches up soon after the store returns.
   */
  private scheduleBeat(): void {
    if (this.stopped) return;
    const stale = this.staleSince !== null;
    const ms = stale
      ? Math.min(this.registrySettings.heartbeatMs, STALE_HEARTBEAT_MS)
      : this.registrySettings.heartbeatMs;
    this.heartbeat = setTimeout(() => {
      if (this.staleSince === null) return void this.beat().finally(() => this.scheduleBeat());
      if (this.checksInFlight < MAX_STALE_CHECKS) void this.beat();
      this.scheduleBeat();
    }, ms);
    this.heartbeat.unref();
  }

  /**
   * Checks the store; marks stale on failure and re-opens the feed when it answers again.
   * While stale it checks on a new client, which serves as soon as the store does.
   */
  private async beat(): Promise<void> {
    if (this.stopped) return;
    const stale = this.staleSince !== null;
    this.checksInFlight += 1;
    try {
      const check = stale ? this.store.reconnect() : this.store.ping();
      await withTimeout(check, this.registrySettings.heartbeatMs, 'registry store');
      this.lastContact = new Date();
    } catch (err) {
      // A late failure of an overlapping check says nothing once the feed is back.
      if (!stale || this.staleSince !== null) this.markStale(err as Error);
      return;
    } finally {
      this.checksInFlight -= 1;
    }
    if (this.staleSince !== null && !this.resubscribing) {
      this.resubscribing = true;
      this.logger.log('Registry store reachable again: re-opening the change feed');
      await this.subscribe()
        .catch((err: Error) => this.markStale(err))
        .finally(() => (this.resubscribing = false));
    }
  }

  private markStale(err: Error): void {
    if (this.staleSince === null) {
      this.staleSince = this.lastContact ?? new Date();
      this.logger.warn(
        { err: err.message },
        'Registry store unreachable: serving the last applied snapshot',
      );
    }
    this.lastError = err.message;
  }

  /**
   * Applies one feed event. A `full` event (first of a feed) rebuilds the snapshot; any other
   * checks and indexes only the routes it names (O(changed), see `RegistrySnapshot.advance`).
   * A route the policy refuses keeps the route in force at its key (last known good).
   */
  private apply(event: RegistryFeedEvent): void {
    this.lastContact = new Date();
    this.staleSince = null;
    this.lastError = null;
    const previous = this.current;
    let changes: AppliedChange[] | null = null;
    if (event.full || previous.version < 0) this.current = this.rebuild(event, previous);
    else {
      changes = this.changesOf(event, previous);
      this.current = previous.advance(
        event.version,
        changes,
        new Date(),
        this.rejectedAt(event.version),
        event.freezes,
      );
    }
    const rejected = this.current.rejected;
    if (previous.version >= 0 && rejected.length > 0) {
      this.logger.warn(
        { rejected },
        'Registry change refused by the routing policy; previous routes stay in force',
      );
    }
    for (const listener of this.listeners) listener(this.current, previous, changes);
  }

  /** A new snapshot from every route of a `full` event. */
  private rebuild(event: RegistryFeedEvent, previous: RegistrySnapshot): RegistrySnapshot {
    const env = this.registrySettings.env;
    this.refused.clear();
    const accepted: Route[] = [];
    for (const { route } of event.updates) {
      if (route === null || route.env !== env) continue;
      const problems = this.validator.validate(route);
      if (problems.length === 0) {
        accepted.push(route);
        continue;
      }
      this.refused.set(routeKeyId(route), { route, problems });
      const lastGood = previous.route(route);
      if (lastGood !== undefined) accepted.push(lastGood);
    }
    return new RegistrySnapshot(
      env,
      event.version,
      accepted,
      new Date(),
      this.rejectedAt(event.version),
      event.freezes,
    );
  }

  /** The routes in force that an incremental event changes (policy-checked, last known good kept). */
  private changesOf(event: RegistryFeedEvent, previous: RegistrySnapshot): AppliedChange[] {
    const env = this.registrySettings.env;
    const byKey = new Map<string, AppliedChange>();
    for (const { key, route } of event.updates) {
      if (key.env !== env) continue;
      const id = routeKeyId(key);
      const earlier = byKey.get(id);
      const inForce = earlier === undefined ? previous.route(key) : earlier.after;
      this.refused.delete(id);
      let after: Route | undefined;
      if (route !== null) {
        const problems = this.validator.validate(route);
        if (problems.length > 0) this.refused.set(id, { route, problems });
        after = problems.length === 0 ? route : inForce;
      }
      byKey.set(id, { key, before: earlier === undefined ? inForce : earlier.before, after });
    }
    return [...byKey.values()].filter((c) => c.before !== c.after);
  }

  /** The refused routes as `/routing/status` reports them, at the applied version. */
  private rejectedAt(version: number): RejectedRoute[] {
    return [...this.refused.values()].map(({ problems }) => ({
      registry_version: version,
      problems,
    }));
  }
}
