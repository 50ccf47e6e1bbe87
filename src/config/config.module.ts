import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from './app-config';
import { loadAppConfig } from './load-app-config';

/** Options of {@link ConfigModule.forRoot}. */
export interface ConfigModuleOptions {
  /**
   * The environment to read. Defaults to `process.env`; tests pass their own so that several
   * apps with different configurations can run in one process.
   */
  environment?: Readonly<Record<string, string | undefined>>;
}

/** Provides {@link AppConfig}, validated once; a bad value stops the app with every problem listed. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(options: ConfigModuleOptions = {}): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useFactory: () => loadAppConfig(options.environment ?? process.env) },
      ],
      exports: [AppConfig],
    };
  }
}
