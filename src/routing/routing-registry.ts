import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { withTimeout } from '../backends/with-timeout';
import { appConfig } from '../config/app.config';
import { registryConfig } from '../config/registry.config';
import { backendsConfig } from '../config/backends.config';
import { RegistrySnapshot, type RejectedRoute } from './registry-snapshot';
import { routeKeyId, type Route } from './route.types';
import { RouteValidator } from './route-validator';
import { RegistryStore, type RegistryState } from './store/registry-store';

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

type AppliedListener = (snapshot: RegistrySnapshot, previous: RegistrySnapshot) => void;

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
  private raw: RegistryState = { version: 0, routes: [], freezes: [] };
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

  /** Every stored route of every env, as last received (deleted ones excluded). */
  get rawState(): RegistryState {
    return this.raw;
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
        (state) => {
          this.apply(state);
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

  private apply(state: RegistryState): void {
    this.lastContact = new Date();
    this.staleSince = null;
    this.lastError = null;
    this.raw = state;
    const previous = this.current;
    const accepted: Route[] = [];
    const rejected: RejectedRoute[] = [];
    for (const route of state.routes.filter((r) => r.env === this.registrySettings.env)) {
      const problems = this.validator.validate(route);
      if (problems.length === 0) {
        accepted.push(route);
        continue;
      }
      rejected.push({ registry_version: state.version, problems });
      const lastGood = previous.get(routeKeyId(route));
      if (lastGood !== undefined) accepted.push(lastGood);
    }
    this.current = new RegistrySnapshot(
      this.registrySettings.env,
      state.version,
      accepted,
      new Date(),
      rejected,
      state.freezes,
    );
    if (previous.version >= 0 && rejected.length > 0) {
      this.logger.warn(
        { rejected },
        'Registry change refused by the routing policy; previous routes stay in force',
      );
    }
    for (const listener of this.listeners) listener(this.current, previous);
  }
}
