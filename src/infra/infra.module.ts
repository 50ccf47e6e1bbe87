import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { RequestGuard } from './auth/request.guard';
import { TokenVerifier } from './auth/token-verifier';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { createValidationPipe } from '../common/errors/validation.pipe';
import { MediaTypeGuard } from '../common/http/media-type.guard';
import { RequestContext } from '../common/request-context/request-context';

/**
 * App infrastructure: request context (AsyncLocalStorage, started by
 * `requestContextMiddleware` in createApp), the auth guard, the error envelope,
 * validation and media-type checks. It may read configuration; the kernel in `common/` may not.
 */
@Global()
@Module({
  providers: [
    RequestContext,
    TokenVerifier,
    // Guards run in this order: authentication (401/403) before media types (415).
    { provide: APP_GUARD, useClass: RequestGuard },
    { provide: APP_GUARD, useClass: MediaTypeGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
  exports: [RequestContext, TokenVerifier],
})
export class InfraModule {}
