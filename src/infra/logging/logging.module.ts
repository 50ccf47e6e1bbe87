import { Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { pino } from 'pino';
import { loggingConfig } from '../../config/logging.config';
import { RequestContext } from '../../common/request-context/request-context';
import { AppLogger } from './app-logger';

/**
 * Structured JSON logs (pino) through {@link AppLogger}: Nest's logger and one access line
 * per request carrying the request id, subject, tenant, env, project and the route each
 * resource kind used. `createApp` mounts its access log first, so every request has a line.
 */
@Global()
@Module({
  providers: [
    {
      provide: AppLogger,
      inject: [loggingConfig.KEY, RequestContext],
      useFactory: (config: ConfigType<typeof loggingConfig>, context: RequestContext) =>
        new AppLogger(pino({ level: config.level }), context),
    },
  ],
  exports: [AppLogger],
})
export class LoggingModule {}
