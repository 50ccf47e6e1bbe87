import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { ConfigModule, type ConfigType } from '@nestjs/config';
import { appConfig } from './app.config';
import { backendsConfig } from './backends.config';
import { CORE_CONFIG } from './load-app-config';

/**
 * The core configuration namespaces on `@nestjs/config`, global to the app. Values come from
 * the environment the app is built with (see `buildWithEnvironment`), validated once before
 * anything is built: no `.env` file, nothing read from or written to `process.env`.
 */
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validatePredefined: false,
      skipProcessEnv: true,
      load: CORE_CONFIG,
    }),
  ],
})
export class AppConfigModule implements OnModuleInit {
  constructor(
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(backendsConfig.KEY) private readonly backends: ConfigType<typeof backendsConfig>,
  ) {}

  /** A protected env allowed onto an emulator says so at every boot (ALLOW_FIRESTORE_EMULATOR). */
  onModuleInit(): void {
    const { env } = this.app;
    const host = this.backends.firestoreEmulatorHost;
    if (host === null || (env !== 'staging' && env !== 'prod')) return;
    new Logger('Config').warn(
      `${env} is running on the Firestore emulator at ${host} ` +
        '(ALLOW_FIRESTORE_EMULATOR=true): every route and Firestore document is lost when it restarts. ' +
        'Only a test deployment may do this.',
    );
  }
}
