import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { BackendClients } from '../backends/backend-clients';
import type { CircuitState } from '../backends/circuit-breaker';
import { adapterKey } from './adapter-cache';
import type { RegistrySnapshot } from './registry-snapshot';
import { routeKeyId } from './route.types';
import { RoutingRegistry } from './routing-registry';

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
      help: 'Scopes whose route moved to another backend or config when a registry change was applied',
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
      help: 'Seconds since the registry store was last reachable (0 when fresh)',
      registers: [registry],
      collect() {
        this.set(routing.status().staleness_seconds);
      },
    });
    routing.onApplied((snapshot, previous) => this.countChanges(snapshot, previous));
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

  private countChanges(snapshot: RegistrySnapshot, previous: RegistrySnapshot): void {
    if (snapshot.rejected.length > 0)
      this.policyRejections.inc({ source: 'live' }, snapshot.rejected.length);
    if (previous.version < 0) return;
    for (const r of snapshot.routes()) {
      const was = previous.get(routeKeyId(r));
      // Same version = same content; only rewritten routes need their configs compared.
      if (was === undefined || was.version === r.version) continue;
      if (
        adapterKey(was.resource_kind, was.backend_type, was.config) !==
        adapterKey(r.resource_kind, r.backend_type, r.config)
      ) {
        this.switches.inc({ resource_kind: r.resource_kind });
      }
    }
  }
}
