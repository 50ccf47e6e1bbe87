import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { BODY_OPTIONAL, CONSUMES, DEFAULT_BODY_TYPES } from './consumes.decorator';
import { BodyRequiredError, UnsupportedMediaTypeError } from './http-input.errors';

interface BodyRule {
  accepted: readonly string[];
  optional: boolean;
}

const BODY_PARAM_TYPES = new Set([String(RouteParamtypes.BODY), String(RouteParamtypes.RAW_BODY)]);

/**
 * Enforces what each body-taking operation reads: its `@Consumes(...)` types, else JSON
 * when it has a `@Body()` parameter. Another media type (or a body without one) is
 * `415 http.unsupported_media_type`, no body at all is `400 validation.body_required`
 * (unless `@OptionalBody()`).
 * Operations without a body are left alone. A guard registered after `RequestGuard`, so it
 * runs after authentication and before the interceptors and pipes; a guard rather than an
 * interceptor because every route pays an interceptor's rxjs chain, and this check only
 * needs to throw.
 */
@Injectable()
export class MediaTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  /**
   * What each operation accepts, read from its metadata once (metadata never changes), per
   * class and handler: generated controllers may share a handler function.
   */
  private readonly rules = new WeakMap<object, Map<object, BodyRule | null>>();

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() === 'http') {
      const handler = context.getHandler();
      let ofClass = this.rules.get(context.getClass());
      if (ofClass === undefined) {
        ofClass = new Map();
        this.rules.set(context.getClass(), ofClass);
      }
      let rule = ofClass.get(handler);
      if (rule === undefined) {
        const accepted = this.acceptedTypes(context);
        const optional = this.reflector.get<boolean | undefined>(BODY_OPTIONAL, handler);
        rule = accepted === null ? null : { accepted, optional: optional === true };
        ofClass.set(handler, rule);
      }
      if (rule !== null) {
        checkBody(context.switchToHttp().getRequest<Request>(), rule.accepted, rule.optional);
      }
    }
    return true;
  }

  private acceptedTypes(context: ExecutionContext): readonly string[] | null {
    const declared = this.reflector.get<string[] | undefined>(CONSUMES, context.getHandler());
    if (declared !== undefined) return declared;
    const args = (Reflect.getMetadata(
      ROUTE_ARGS_METADATA,
      context.getClass(),
      context.getHandler().name,
    ) ?? {}) as Record<string, unknown>;
    const takesBody = Object.keys(args).some((key) => BODY_PARAM_TYPES.has(key.split(':')[0]!));
    return takesBody ? DEFAULT_BODY_TYPES : null;
  }
}

/** Throws unless the request carries a body of one of `accepted` (RFC 9110 §8.3, §15.5.16). */
function checkBody(req: Request, accepted: readonly string[], optional: boolean): void {
  const length = req.headers['content-length'];
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    (length !== undefined && Number(length) !== 0);
  if (!hasBody) {
    if (optional) return;
    throw new BodyRequiredError(accepted);
  }
  const type = req.headers['content-type'];
  if (type === undefined || type.trim() === '')
    throw new UnsupportedMediaTypeError(undefined, accepted);
  const [essence = '', ...params] = type.split(';').map((part) => part.trim().toLowerCase());
  if (!accepted.includes(essence)) throw new UnsupportedMediaTypeError(type, accepted);
  if (essence.startsWith('multipart/') && !params.some((p) => /^boundary=.+/.test(p)))
    throw new UnsupportedMediaTypeError(type, accepted, 'multipart needs a boundary parameter');
}
