import { Module, type DynamicModule } from '@nestjs/common';
import { BackendsModule } from './backends/backends.module';
import { CommonModule } from './common/common.module';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { LoggingModule } from './common/logging/logging.module';
import { MetricsModule } from './common/metrics/metrics.module';
import { ConfigModule, type ConfigModuleOptions } from './config/config.module';
import { FEATURE_MODULES } from './features';
import { RoutingModule, type RoutingModuleOptions } from './routing/routing.module';

/** Options of {@link AppModule.forRoot}; production passes none (environment only). */
export interface AppModuleOptions extends ConfigModuleOptions, RoutingModuleOptions {}

/** The whole app: configuration, core modules, the routing registry and every feature. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options),
        LoggingModule,
        CommonModule,
        IdempotencyModule,
        MetricsModule,
        BackendsModule,
        RoutingModule.forRoot(options),
        ...FEATURE_MODULES,
      ],
    };
  }
}
