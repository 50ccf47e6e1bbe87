import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { BackendClients } from '../backends/backend-clients';
import type { CircuitState } from '../backends/circuit-breaker';
import { Scope } from '../common/scope/scope';
import { adapterKey } from './adapter-cache';
import type { AppliedChange, RegistrySnapshot } from './registry-snapshot';
import { routeKeyId, type Route } from './route.types';
import { RoutingRegistry } from './routing-registry';

/** The route that serves a route's own scope in a snapshot, or null when nothing does. */
function serving(snapshot: RegistrySnapshot, route: Route): Route | null {
  const scope = Scope.of(route.tenant_id, route.env, route.project_id);
  return snapshot.resolve(route.resource_kind, scope).route;
}

/** Whether two serving routes use different adapters (backend or config). */
function switched(before: Route | null, after: Route | null): boolean {
  if (before === null || after === null || before === after) return false;
  return (
    adapterKey(before.resource_kind, before.backend_type, before.config) !==
    adapterKey(after.resource_kind, after.backend_type, after.config)
  );
}

/** Routing metrics: resolutions, registry version and staleness, switches, policy rejections. */
@Injectable()
export class RoutingMetrics {
  readonly resolutions: Counter<'resource_kind' | 'backend_type'>;
  readonly switches: Counter<'resource_kind'>;
  readonly policyRejections: Counter<'source'>;

  constructor(registry: Registry, routing: RoutingRegistry, clients: BackendClients) {
    this.resolutions = new Counter({
      name: 'routing_resolutions_total',
      help: 'Routes resolved for requests, by kind and backend',
      labelNames: ['resource_kind', 'backend_type'],
      registers: [registry],
    });
    this.switches = new Counter({
      name: 'routing_switches_total',
      help: 'Route changes (rewrite, override added or deleted) that moved their scope to another backend or config',
      labelNames: ['resource_kind'],
      registers: [registry],
    });
    this.policyRejections = new Counter({
      name: 'routing_policy_rejections_total',
      help: 'Routes refused by the routing policy, by where (write, live)',
      labelNames: ['source'],
      registers: [registry],
    });
    new Gauge({
      name: 'routing_registry_version',
      help: 'Registry version applied by this instance',
      registers: [registry],
      collect() {
        this.set(routing.snapshot.version);
      },
    });
    new Gauge({
      name: 'routing_registry_staleness_seconds',
      help: 'Seconds since the last good contact with the registry store, while it is unreachable (0 when fresh)',
      registers: [registry],
      collect() {
        this.set(routing.status().staleness_seconds);
      },
    });
    routing.onApplied((snapshot, previous, changes) =>
      this.countChanges(snapshot, previous, changes),
    );
    this.registerCircuits(registry, clients);
  }

  /** `backend_circuit_state` (0 closed, 1 half open, 2 open) and transition counters. */
  private registerCircuits(registry: Registry, clients: BackendClients): void {
    const level: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };
    new Gauge({
      name: 'backend_circuit_state',
      help: 'Circuit of each pooled backend client: 0 closed, 1 half open (probing), 2 open (failing fast)',
      labelNames: ['backend_type', 'client'],
      registers: [registry],
      collect() {
        this.reset();
        for (const c of clients.circuits())
          this.set({ backend_type: c.backend_type, client: c.client }, level[c.state]);
      },
    });
    const opened = new Counter({
      name: 'backend_circuit_opened_total',
      help: 'Times a backend client circuit opened (the backend stopped answering)',
      labelNames: ['backend_type'],
      registers: [registry],
    });
    const closed = new Counter({
      name: 'backend_circuit_closed_total',
      help: 'Times a backend client circuit closed again (a probe got an answer)',
      labelNames: ['backend_type'],
      registers: [registry],
    });
    clients.onTransition((c, from) => {
      if (c.state === 'open' && from === 'closed') opened.inc({ backend_type: c.backend_type });
      if (c.state === 'closed') closed.inc({ backend_type: c.backend_type });
    });
  }

  /**
   * One switch per changed route whose own scope is now served by another backend or config:
   * a rewritten route, an override added over an inherited route, or an override deleted so
   * the scope falls back to its parent. A scope gaining its first route or losing its last
   * is not a switch (nothing served it before, or nothing serves it now). `changes` (the
   * registry's change set) keeps this O(changed); null (a re-read) compares every route.
   */
  private countChanges(
    snapshot: RegistrySnapshot,
    previous: RegistrySnapshot,
    changes: readonly AppliedChange[] | null,
  ): void {
    if (snapshot.rejected.length > 0)
      this.policyRejections.inc({ source: 'live' }, snapshot.rejected.length);
    if (previous.version < 0) return;
    const changed = new Map<string, Route>();
    if (changes !== null) {
      for (const c of changes) changed.set(routeKeyId(c.key), (c.after ?? c.before) as Route);
      return this.countSwitches(snapshot, previous, changed.values());
    }
    for (const r of snapshot.routes()) {
      const was = previous.get(routeKeyId(r));
      // Same version = same content: nothing moved at this key.
      if (was === undefined || was.version !== r.version) changed.set(routeKeyId(r), r);
    }
    for (const r of previous.routes())
      if (snapshot.get(routeKeyId(r)) === undefined) changed.set(routeKeyId(r), r);
    this.countSwitches(snapshot, previous, changed.values());
  }

  private countSwitches(
    snapshot: RegistrySnapshot,
    previous: RegistrySnapshot,
    changed: Iterable<Route>,
  ): void {
    for (const r of changed) {
      if (switched(serving(previous, r), serving(snapshot, r)))
        this.switches.inc({ resource_kind: r.resource_kind });
    }
  }
}
