import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ClsModule } from 'nestjs-cls';
import type { Request } from 'express';
import { RequestGuard } from './auth/request.guard';
import { TokenVerifier } from './auth/token-verifier';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { createValidationPipe } from './errors/validation.pipe';
import { MediaTypeInterceptor } from './http/media-type.interceptor';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { RequestContext } from './request-context/request-context';
import { requestIdOf } from './request-context/request-id.middleware';

/** Request context (AsyncLocalStorage), auth, the error envelope, validation and health. */
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
  controllers: [HealthController],
  providers: [
    RequestContext,
    TokenVerifier,
    HealthService,
    { provide: APP_GUARD, useClass: RequestGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_INTERCEPTOR, useClass: MediaTypeInterceptor },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
  exports: [RequestContext, TokenVerifier],
})
export class CommonModule {}
