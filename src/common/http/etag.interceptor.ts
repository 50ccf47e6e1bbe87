import {
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import { tap, type Observable } from 'rxjs';

/** The `version` of a returned record, or undefined when the answer carries none. */
function versionOf(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const version = (body as { version?: unknown }).version;
  return typeof version === 'number' ? version : undefined;
}

/**
 * Sets `ETag: "<version>"` from the record the handler returns: the value a client sends
 * back in `If-Match`. The body is left as it is; an answer without a version gets no ETag.
 */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap((body) => {
        const version = versionOf(body);
        if (version !== undefined) res.setHeader('ETag', `"${version}"`);
      }),
    );
  }
}

/** The operation answers one versioned record and sets its `ETag` (see {@link ETagInterceptor}). */
export const SetsETag = (): MethodDecorator & ClassDecorator => UseInterceptors(ETagInterceptor);
