import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ClsModule } from 'nestjs-cls';
import type { Request } from 'express';
import { RequestGuard } from './auth/request.guard';
import { TokenVerifier } from './auth/token-verifier';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { createValidationPipe } from '../common/errors/validation.pipe';
import { MediaTypeInterceptor } from '../common/http/media-type.interceptor';
import { RequestContext } from '../common/request-context/request-context';
import { requestIdOf } from '../common/request-context/request-id.middleware';

/**
 * App infrastructure: request context (AsyncLocalStorage), the auth guard, the error envelope,
 * validation and media-type checks. It may read configuration; the kernel in `common/` may not.
 */
@Global()
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      middleware: {
        mount: true,
        generateId: true,
        idGenerator: (req: Request) => requestIdOf(req),
      },
    }),
  ],
  providers: [
    RequestContext,
    TokenVerifier,
    { provide: APP_GUARD, useClass: RequestGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_INTERCEPTOR, useClass: MediaTypeInterceptor },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
  exports: [RequestContext, TokenVerifier],
})
export class InfraModule {}
