import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { backendsConfig } from '../config/backends.config';
import { BackendClients } from './backend-clients';

/** Closes every pooled backend client when the app shuts down. */
class BackendClientsCloser implements OnApplicationShutdown {
  constructor(private readonly clients: BackendClients) {}
  async onApplicationShutdown(): Promise<void> {
    await this.clients.closeAll();
  }
}

/** The pooled vendor clients, built from the deployment configuration. */
@Global()
@Module({
  providers: [
    {
      provide: BackendClients,
      useFactory: (config: ConfigType<typeof backendsConfig>) =>
        new BackendClients(
          {
            timeoutMs: config.timeoutMs,
            firestoreEmulatorHost: config.firestoreEmulatorHost,
            defaultGcpProjectId: config.gcpProjectId,
            secret: (name) => config.secrets[name],
          },
          config.drainMs,
          { failureThreshold: config.circuitFailures, probeIntervalMs: config.probeIntervalMs },
        ),
      inject: [backendsConfig.KEY],
    },
    {
      provide: BackendClientsCloser,
      useFactory: (c: BackendClients) => new BackendClientsCloser(c),
      inject: [BackendClients],
    },
  ],
  exports: [BackendClients],
})
export class BackendsModule {}
