import { Module, type DynamicModule } from '@nestjs/common';
import { BackendsModule } from './backends/backends.module';
import { InfraModule } from './infra/infra.module';
import { IdempotencyModule } from './infra/idempotency/idempotency.module';
import { applyIdempotencyToWriteHandlers } from './infra/idempotency/idempotency-routes';
import { LoggingModule } from './infra/logging/logging.module';
import { MetricsModule } from './infra/metrics/metrics.module';
import { AppConfigModule } from './config/app-config.module';
import { FEATURE_MODULES } from './features';
import { HealthModule } from './health/health.module';
import { RoutingModule, type RoutingModuleOptions } from './routing/routing.module';

/**
 * Options of {@link AppModule.forRoot}; production passes none. The configuration is not an
 * option: it comes from the environment the app is built with (`buildWithEnvironment`).
 */
export type AppModuleOptions = RoutingModuleOptions;

/** The whole app: configuration, core modules, the routing registry and every feature. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    const app: DynamicModule = {
      module: AppModule,
      imports: [
        AppConfigModule,
        LoggingModule,
        InfraModule,
        IdempotencyModule,
        MetricsModule,
        BackendsModule,
        RoutingModule.forRoot(options),
        HealthModule,
        ...FEATURE_MODULES,
      ],
    };
    applyIdempotencyToWriteHandlers(app);
    return app;
  }
}
