import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { CircuitState } from '../backends/circuit-breaker';
import { withTimeout } from '../backends/with-timeout';
import { backendsConfig } from '../config/backends.config';
import { AdapterCache } from '../routing/adapter-cache';
import { RoutingRegistry } from '../routing/routing-registry';

export interface Readiness {
  status: 'ok' | 'not_ready';
  registry: { applied_version: number; stale: boolean };
  backends: {
    resource_kind: string;
    backend_type: string;
    ok: boolean;
    /** The client's circuit breaker: `open`/`half_open` mean requests fail fast now. */
    circuit: CircuitState;
    error?: string;
  }[];
  problems: string[];
  /** True when Firestore clients talk to an emulator (`FIRESTORE_EMULATOR_HOST`). */
  emulator: boolean;
}

/** Readiness: a fresh registry snapshot and a ping from every backend in use. */
@Injectable()
export class HealthService {
  constructor(
    private readonly registry: RoutingRegistry,
    private readonly adapters: AdapterCache,
    @Inject(backendsConfig.KEY) private readonly backends: ConfigType<typeof backendsConfig>,
  ) {}

  async readiness(): Promise<Readiness> {
    const status = this.registry.status();
    const problems: string[] = [];
    if (status.applied_version < 0) problems.push('registry snapshot not loaded');
    if (status.stale)
      problems.push(
        `registry store unreachable since ${status.stale_since} (serving last applied version)`,
      );
    const backends = await Promise.all(
      this.adapters.inUse().map(async (lease) => {
        const base = {
          resource_kind: lease.kind,
          backend_type: lease.route.backend_type,
          circuit: lease.breaker?.state ?? 'closed',
        };
        try {
          lease.breaker?.assertClosed();
          await withTimeout(
            lease.driver.ping(lease.connection, lease.route.config),
            this.backends.timeoutMs,
            'ping',
          );
          return { ...base, ok: true };
        } catch (err) {
          problems.push(`${lease.kind} ${lease.route.backend_type} backend did not answer a ping`);
          return { ...base, ok: false, error: (err as Error).message };
        }
      }),
    );
    return {
      status: problems.length === 0 ? 'ok' : 'not_ready',
      registry: { applied_version: status.applied_version, stale: status.stale },
      backends,
      problems,
      emulator: status.emulator,
    };
  }
}
