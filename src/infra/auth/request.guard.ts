import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { appConfig } from '../../config/app.config';
import { hasRole, type Principal, type Role } from '../../common/request-context/principal';
import { RequestContext } from '../../common/request-context/request-context';
import type { Scope } from '../../common/scope/scope';
import { ACCESS_RULE, type AccessRule } from '../../common/auth/access.decorators';
import { AuthError } from '../../common/auth/auth.errors';
import { assertNoMismatch, readRequestScope } from '../../common/auth/request-scope.reader';
import { TokenVerifier } from './token-verifier';

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * The one gate of every request: token (401), scope headers (400), tenant and project
 * access (403), role (403), then the verified caller and scope go into the request context.
 */
@Injectable()
export class RequestGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly context: RequestContext,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  /** Each operation's access rule, read from its metadata once (per class and handler). */
  private readonly rules = new WeakMap<object, Map<object, AccessRule>>();

  canActivate(execution: ExecutionContext): boolean {
    const rule = this.ruleOf(execution);
    if (rule.public === true) return true;
    const req = execution.switchToHttp().getRequest<Request>();
    const principal = this.tokens.verify(req.headers.authorization);
    if (rule.registryAdmin === true && !principal.registryAdmin)
      throw AuthError.registryAdminRequired();
    if (rule.unscoped === true) {
      this.context.establish(principal, null);
      return true;
    }
    const scope = readRequestScope(req, this.app.env);
    assertNoMismatch(req, scope);
    this.authorize(
      principal,
      scope,
      rule.role ?? (READ_METHODS.has(req.method) ? 'viewer' : 'member'),
    );
    this.context.establish(principal, scope);
    return true;
  }

  private ruleOf(execution: ExecutionContext): AccessRule {
    const handler = execution.getHandler();
    const type = execution.getClass();
    let ofClass = this.rules.get(type);
    if (ofClass === undefined) {
      ofClass = new Map();
      this.rules.set(type, ofClass);
    }
    let rule = ofClass.get(handler);
    if (rule === undefined) {
      rule =
        this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, type]) ??
        {};
      ofClass.set(handler, rule);
    }
    return rule;
  }

  private authorize(principal: Principal, scope: Scope, needed: Role): void {
    const role = principal.tenants[scope.tenantId];
    if (role === undefined) throw AuthError.tenantForbidden(scope.tenantId);
    const allowed = principal.projects[scope.tenantId];
    if (allowed !== undefined && scope.projectId !== null && !allowed.includes(scope.projectId)) {
      throw AuthError.projectForbidden(scope.tenantId, scope.projectId);
    }
    if (!hasRole(principal, scope.tenantId, needed)) throw AuthError.insufficientRole(needed, role);
  }
}
