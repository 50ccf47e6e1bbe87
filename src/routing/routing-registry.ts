import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RegistrySnapshot, type RejectedRoute } from './registry-snapshot';
import { routeKeyId, type Route } from './route.types';
import { RouteValidator } from './route-validator';
import { RegistryStore, type RegistryState } from './store/registry-store';

/** What `/routing/status` and `/health/ready` report about this instance. */
export interface RegistryStatus {
  env: string;
  applied_version: number;
  applied_at: string | null;
  stale: boolean;
  stale_since: string | null;
  last_error: string | null;
  rejected: RejectedRoute[];
}

type AppliedListener = (snapshot: RegistrySnapshot, previous: RegistrySnapshot) => void;

const RESUBSCRIBE_MS = 1000;

/**
 * This instance's view of the registry: the last applied snapshot, kept current by the
 * store's change feed. A change the policy refuses keeps the route in force (last known
 * good); if the store becomes unreachable the snapshot stays and is reported stale.
 */
@Injectable()
export class RoutingRegistry implements OnModuleDestroy {
  private readonly logger = new Logger('RoutingRegistry');
  private current: RegistrySnapshot;
  private raw: RegistryState = { version: 0, routes: [] };
  private unsubscribe: (() => void) | null = null;
  private resubscribeTimer: NodeJS.Timeout | null = null;
  private staleSince: Date | null = null;
  private lastError: string | null = null;
  private readonly listeners = new Set<AppliedListener>();
  private firstState: Promise<void> | null = null;

  constructor(
    private readonly store: RegistryStore,
    private readonly validator: RouteValidator,
    private readonly config: AppConfig,
  ) {
    this.current = RegistrySnapshot.empty(config.env);
  }

  /** Subscribes to the store and resolves once the first state is applied. */
  start(): Promise<void> {
    this.firstState ??= new Promise<void>((resolve, reject) => {
      let first = true;
      const subscribe = (): void => {
        this.unsubscribe = this.store.watch(
          (state) => {
            this.apply(state);
            if (first) {
              first = false;
              resolve();
            }
          },
          (err) => {
            this.markStale(err);
            if (first) {
              first = false;
              reject(err);
              return;
            }
            this.unsubscribe?.();
            this.resubscribeTimer = setTimeout(subscribe, RESUBSCRIBE_MS);
            this.resubscribeTimer.unref();
          },
        );
      };
      subscribe();
    });
    return this.firstState;
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

  status(): RegistryStatus {
    return {
      env: this.config.env,
      applied_version: this.current.version,
      applied_at: this.current.version < 0 ? null : this.current.appliedAt.toISOString(),
      stale: this.staleSince !== null,
      stale_since: this.staleSince?.toISOString() ?? null,
      last_error: this.lastError,
      rejected: this.current.rejected,
    };
  }

  /** Reports the store unreachable; the snapshot in force is kept. */
  markStale(err: Error): void {
    if (this.staleSince === null) {
      this.staleSince = new Date();
      this.logger.warn(
        { err: err.message },
        'Registry store unreachable: serving the last applied snapshot',
      );
    }
    this.lastError = err.message;
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    if (this.resubscribeTimer !== null) clearTimeout(this.resubscribeTimer);
    this.listeners.clear();
  }

  private apply(state: RegistryState): void {
    this.staleSince = null;
    this.lastError = null;
    if (state.version < this.current.version) return;
    this.raw = state;
    const previous = this.current;
    const accepted: Route[] = [];
    const rejected: RejectedRoute[] = [];
    for (const route of state.routes.filter((r) => r.env === this.config.env)) {
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
      this.config.env,
      state.version,
      accepted,
      new Date(),
      rejected,
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
