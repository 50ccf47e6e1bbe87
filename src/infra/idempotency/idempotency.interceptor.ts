import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, lastValueFrom, type Observable } from 'rxjs';
import { RequestContext } from '../../common/request-context/request-context';
import { IdempotencyCoordinator } from './idempotency.coordinator';
import { parseIdempotencyKey } from '../../common/errors/idempotency.errors';
import { requestFingerprint } from './request-fingerprint';
import { READ_METHODS, withWriteRetryAdvice } from './write-retry-advice';

/** Response headers a replay repeats: they carry the created record's version and address. */
const REPLAYED_HEADERS = ['etag', 'location'];
const WRAPPED = Symbol('idempotency_wrapped');

/**
 * Makes every scoped POST (the feature modules' operations) honour `Idempotency-Key`. Other
 * methods are idempotent already; unscoped routes (the registry admin API) are left alone.
 * Runs after the guard, so the tenant is known; the body is validated inside `next.handle()`.
 * It also tells the caller of any write that answered 503 whether it may have been applied.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly coordinator: IdempotencyCoordinator,
    private readonly context: RequestContext,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const method = ctx.switchToHttp().getRequest<Request>().method;
    // Reads are neither replayed nor given write retry advice: no operators to chain.
    if (READ_METHODS.has(method)) return next.handle();
    // Once per request, should a handler inherit it on both its class and itself.
    const req = ctx.switchToHttp().getRequest<Request & { [WRAPPED]?: true }>();
    if (req[WRAPPED] === true) return next.handle();
    req[WRAPPED] = true;
    return this.handle(ctx, next).pipe(
      catchError((err: unknown) => {
        throw withWriteRetryAdvice(method, err);
      }),
    );
  }

  private handle(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const scope = this.context.scopeOrNull;
    if (req.method !== 'POST' || scope === null) return next.handle();
    const key = parseIdempotencyKey(req.headers['idempotency-key']);
    if (key === undefined) return next.handle();
    const res = ctx.switchToHttp().getResponse<Response>();
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, ctx.getHandler()) ?? 201;
    return from(
      this.coordinator.run({
        tenantId: scope.tenantId,
        key,
        fingerprint: requestFingerprint(req, scope),
        execute: () => lastValueFrom(next.handle(), { defaultValue: undefined }),
        describe: () => ({ status, headers: replayedHeaders(res) }),
        replay: (_status, headers) => {
          for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        },
      }),
    );
  }
}

function replayedHeaders(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) out[name] = String(value);
  }
  return out;
}
