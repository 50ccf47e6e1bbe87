import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AppModule, type AppModuleOptions } from './app.module';
import type { Environment } from './config/environment-source';
import { buildWithEnvironment } from './config/load-app-config';
import { writeError } from './common/errors/all-exceptions.filter';
import { answerClientError } from './common/http/client-error.handler';
import { inputShapeMiddleware } from './common/http/input-shape.middleware';
import { AppLogger } from './infra/logging/app-logger';
import { setUpOpenApi } from './infra/openapi-document';
import { requestContextMiddleware } from './common/request-context/request-context';
import { requestIdMiddleware } from './common/request-context/request-id.middleware';

/** Largest JSON body accepted (page bodies go up to 1 MiB). */
const JSON_LIMIT = '2mb';

/** Options of {@link createApp}: the app module's, plus the environment to read. */
export interface CreateAppOptions extends AppModuleOptions {
  /**
   * The environment to read. Defaults to `process.env`; tests pass their own so that several
   * apps with different configurations can run in one process.
   */
  environment?: Environment;
}

/**
 * Builds and initialises the app (boot validation included) without listening. `main.ts`
 * and the test helpers both use it, so tests run exactly what production runs. A bad
 * environment fails first, with every problem listed.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<INestApplication> {
  const { environment, ...moduleOptions } = options;
  const app = await buildWithEnvironment(environment, () =>
    NestFactory.create<NestExpressApplication>(AppModule.forRoot(moduleOptions), {
      bufferLogs: true,
      bodyParser: false,
      abortOnError: false,
    }),
  );
  const appLogger = app.get(AppLogger);
  app.useLogger(appLogger);
  // Versions are the ETags of this API; express's body hashes would contradict them.
  app.set('etag', false);
  app.disable('x-powered-by');
  // Oversized or malformed HTTP never reaches express: shape Node's own answer.
  app.getHttpServer().on('clientError', answerClientError);
  app.use(requestIdMiddleware);
  // First, so that every request has its access line, malformed ones included.
  app.use(appLogger.accessLog);
  // JSON is the only body type parsed here (`+json` suffixes included); multipart uploads
  // are streamed by their operation. Other types are refused per operation (415).
  app.useBodyParser('json', {
    limit: JSON_LIMIT,
    type: ['application/json', 'application/*+json'],
  });
  app.use(inputShapeMiddleware);
  // After body parsing: the body's stream events would not carry the request's context.
  app.use(requestContextMiddleware);
  setUpOpenApi(app);
  try {
    await app.init();
  } catch (err) {
    // Boot refused: release what was opened (registry listener, clients) before reporting.
    await app.close().catch(() => undefined);
    throw err;
  }
  // Express-level failures (malformed JSON, oversized body) get the envelope too.
  const logger = new Logger('Errors');
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) =>
    writeError(err, req, res, logger),
  );
  return app;
}
