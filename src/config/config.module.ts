import { Global, Logger, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
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
export class ConfigModule implements OnModuleInit {
  constructor(private readonly config: AppConfig) {}

  static forRoot(options: ConfigModuleOptions = {}): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useFactory: () => loadAppConfig(options.environment ?? process.env) },
      ],
      exports: [AppConfig],
    };
  }

  /** A protected env allowed onto an emulator says so at every boot (ALLOW_FIRESTORE_EMULATOR). */
  onModuleInit(): void {
    const { env, firestoreEmulatorHost } = this.config;
    if (firestoreEmulatorHost === null || (env !== 'staging' && env !== 'prod')) return;
    new Logger('Config').warn(
      `${env} is running on the Firestore emulator at ${firestoreEmulatorHost} ` +
        '(ALLOW_FIRESTORE_EMULATOR=true): every route and Firestore document is lost when it restarts. ' +
        'Only a test deployment may do this.',
    );
  }
}
