import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { BackendClients } from '../backends/backend-clients';
import { BACKEND_DRIVERS } from '../backends/drivers';
import { withTimeout } from '../backends/with-timeout';
import { backendsConfig } from '../config/backends.config';
import type { RouteInput } from './route.types';

/** Checks that a route's backend answers before a write commits it. */
@Injectable()
export class BackendProbe {
  constructor(
    private readonly clients: BackendClients,
    @Inject(backendsConfig.KEY) private readonly backends: ConfigType<typeof backendsConfig>,
  ) {}

  /** Null when the backend answered a ping, else why it did not. */
  async probe(route: RouteInput): Promise<string | null> {
    const driver = BACKEND_DRIVERS[route.backend_type];
    const connection = this.clients.acquire(driver, route.config);
    try {
      await withTimeout(
        driver.ping(connection, route.config),
        this.backends.timeoutMs,
        `${route.backend_type} backend`,
      );
      return null;
    } catch (err) {
      return (err as Error).message;
    } finally {
      this.clients.release(driver, route.config);
    }
  }
}
