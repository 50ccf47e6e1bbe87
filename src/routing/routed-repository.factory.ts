import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DomainError } from '../common/errors/domain.error';
import { RequestContext } from '../common/request-context/request-context';
import { Scope } from '../common/scope/scope';
import { backendsConfig } from '../config/backends.config';
import { BackendClients } from '../backends/backend-clients';
import { BackendError } from '../backends/backend.error';
import { withTimeout } from '../backends/with-timeout';
import type { AdapterBuilders, RoutedPort, RoutedRepositoryOptions } from './adapter-builders';
import { AdapterCache, type AdapterLease } from './adapter-cache';
import { BackendRefusedError } from './backend-refused.error';
import { KindCatalog } from './kind-catalog';
import type { BackendType } from '../backends/backend-type';
import { RoutingMetrics } from './routing-metrics';
import { ScopeMovingError } from './moves/moves.errors';
import { RoutingRegistry } from './routing-registry';
import { BackendUnavailableError, backendFailureOf, NoRouteError } from './routing.errors';

/** Names Nest (or a Promise check) may probe on a provider; the proxy must not answer them. */
const NOT_PORT_METHODS = new Set([
  'then',
  'constructor',
  'toJSON',
  'onModuleInit',
  'onApplicationBootstrap',
  'onModuleDestroy',
  'beforeApplicationShutdown',
  'onApplicationShutdown',
]);

/** `Retry-After` of a write refused because its scope is moving (a copy takes seconds). */
const MOVING_RETRY_AFTER_S = 2;

/**
 * Builds the object a feature injects as its repository port (a {@link RoutedPort}). Each
 * call takes the record's {@link Scope} as first argument, resolves the route for it from
 * the in-memory snapshot and forwards to the adapter for that route, bounded by
 * `BACKEND_TIMEOUT_MS` unless the method is `untimed`. A request keeps the adapter it first
 * used, so a route switch never splits one request across two backends. Vendor errors leave
 * as `503 routing.backend_unavailable` (outages) or {@link BackendRefusedError} (refusals);
 * a kind that resolves nowhere is `503 routing.no_route`.
 */
@Injectable()
export class RoutedRepositoryFactory {
  constructor(
    private readonly registry: RoutingRegistry,
    private readonly cache: AdapterCache,
    private readonly catalog: KindCatalog,
    private readonly context: RequestContext,
    @Inject(backendsConfig.KEY) private readonly backends: ConfigType<typeof backendsConfig>,
    private readonly metrics: RoutingMetrics,
    private readonly clients: BackendClients,
  ) {}

  create<P extends RoutedPort<P>>(
    port: abstract new (...args: never[]) => P,
    kind: string,
    builders: AdapterBuilders<P>,
    options: RoutedRepositoryOptions<P> = {},
  ): P {
    this.catalog.register(
      kind,
      Object.keys(builders) as BackendType[],
      port.name,
      options.configKeys,
      builders,
    );
    const untimed = new Set<string>(options.untimed ?? []);
    const reads = new Set<string>(options.reads ?? []);
    return new Proxy(Object.create(port.prototype as object) as P, {
      get: (target, prop, receiver) => {
        if (typeof prop === 'symbol' || NOT_PORT_METHODS.has(prop))
          return Reflect.get(target, prop, receiver);
        return (...args: unknown[]) =>
          this.call(kind, builders, prop, args, untimed.has(prop), !reads.has(prop));
      },
    });
  }

  /**
   * The adapter lease for a kind at a scope, pinned for the rest of the request (the
   * benchmark also measures it alone).
   */
  lease(kind: string, scope: Scope, builders: AdapterBuilders<unknown>): AdapterLease {
    return this.context.perRequest(`routing:${kind}:${scope.toString()}`, () => {
      const resolution = this.registry.snapshot.resolve(kind, scope);
      if (resolution.route === null) {
        throw new NoRouteError(kind, scope.toString(), resolution.tried);
      }
      const lease = this.cache.get(kind, resolution.route, builders);
      this.metrics.resolutions.inc({ resource_kind: kind, backend_type: lease.route.backend_type });
      this.context.annotate({
        [`route.${kind}`]: `${lease.route.backend_type} via ${resolution.matched_scope}`,
      });
      return lease;
    });
  }

  private call(
    kind: string,
    builders: AdapterBuilders<unknown>,
    method: string,
    args: unknown[],
    untimed: boolean,
    writes: boolean,
  ): unknown {
    const scope = args[0];
    if (!(scope instanceof Scope)) {
      throw new TypeError(
        `${kind} repository method "${method}" must receive the record's Scope as its first argument.`,
      );
    }
    if (writes) {
      const freeze = this.registry.snapshot.frozenFor(kind, scope);
      if (freeze !== null)
        throw new ScopeMovingError(kind, scope.toString(), freeze.move_id, MOVING_RETRY_AFTER_S);
    }
    const lease = this.lease(kind, scope, builders);
    const fn = lease.adapter[method];
    if (typeof fn !== 'function') throw new TypeError(`${kind} adapter has no method "${method}".`);
    let result: unknown;
    try {
      // Known down: fail now rather than make every caller wait out the backend timeout.
      lease.breaker?.assertClosed();
      result = (fn as (...a: unknown[]) => unknown).apply(lease.adapter, args);
    } catch (err) {
      throw this.translate(err, lease, scope);
    }
    if (!(result instanceof Promise)) return result;
    // A call abandoned at the timeout may go on in the vendor client's retries: its client
    // must not be closed under it. Untimed calls (streams) are not held for: they may run
    // for as long as their client does, and bound their own waits.
    if (!untimed) this.clients.track(lease.connection, result);
    const bounded: Promise<unknown> = untimed
      ? result
      : withTimeout(result, this.backends.timeoutMs, `${lease.route.backend_type} backend`);
    return bounded.then(
      (value: unknown) => {
        lease.breaker?.recordSuccess();
        return value;
      },
      (err: unknown) => {
        throw this.translate(err, lease, scope);
      },
    );
  }

  private translate(err: unknown, lease: AdapterLease, scope: Scope): unknown {
    if (err instanceof DomainError) {
      lease.breaker?.recordSuccess();
      return err;
    }
    // The router's own timeout and open-circuit errors are already backend errors, whatever
    // the driver; only vendor errors need the driver's translation.
    const backendError = err instanceof BackendError ? err : lease.driver.translate(err);
    if (backendError?.isOutage) {
      lease.breaker?.recordOutage();
      return new BackendUnavailableError(
        lease.kind,
        scope.toString(),
        lease.route.backend_type,
        backendError.message,
        backendFailureOf(backendError),
      );
    }
    if (backendError !== null && BackendRefusedError.describes(backendError)) {
      lease.breaker?.recordSuccess();
      return new BackendRefusedError(lease.kind, scope.toString(), backendError);
    }
    return err;
  }
}
