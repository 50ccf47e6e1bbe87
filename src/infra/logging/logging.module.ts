import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { Request } from 'express';
import { loggingConfig } from '../../config/logging.config';
import { logFieldsOf } from '../../common/request-context/log-fields';
import { requestIdOf } from '../../common/request-context/request-id.middleware';

/**
 * Structured JSON logs (pino). Each request's access line carries the request id, tenant,
 * env, project and the resource kinds and backends the request used.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [loggingConfig.KEY],
      useFactory: (config: ConfigType<typeof loggingConfig>) => ({
        pinoHttp: {
          level: config.level,
          genReqId: (req: IncomingMessage) => requestIdOf(req as Request),
          customProps: (req: IncomingMessage) => logFieldsOf(req),
          customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
            err !== undefined || res.statusCode >= 500
              ? 'error'
              : res.statusCode >= 400
                ? 'warn'
                : 'info',
          redact: ['req.headers.authorization'],
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
