import { Injectable } from '@nestjs/common';
import { CLS_REQ, ClsService } from 'nestjs-cls';
import { logFieldsOf } from './log-fields';
import { Scope } from '../scope/scope';
import type { Principal, Role } from './principal';

const SCOPE = 'ctx.scope';
const PRINCIPAL = 'ctx.principal';
const MEMO = 'ctx.memo';

/**
 * The current request's id, scope and caller, held in AsyncLocalStorage for the whole
 * request and anything it starts. Providers stay singletons; they read the context here.
 */
@Injectable()
export class RequestContext {
  constructor(private readonly cls: ClsService) {}

  /** True inside a request (or a context started with {@link run}). */
  get active(): boolean {
    return this.cls.isActive();
  }

  get requestId(): string {
    return this.active ? this.cls.getId() : 'none';
  }

  /** The request's `(tenant, env, project)`. Throws when the route does not establish one. */
  get scope(): Scope {
    const scope = this.active ? this.cls.get<Scope | undefined>(SCOPE) : undefined;
    if (scope === undefined) {
      throw new Error(
        'No request scope here: only routes that require X-Tenant-Id, X-Env and X-Project-Id have one.',
      );
    }
    return scope;
  }

  /** The scope, or null outside a scoped request (for logging). */
  get scopeOrNull(): Scope | null {
    return this.active ? (this.cls.get<Scope | undefined>(SCOPE) ?? null) : null;
  }

  get principal(): Principal {
    const principal = this.active ? this.cls.get<Principal | undefined>(PRINCIPAL) : undefined;
    if (principal === undefined) throw new Error('No authenticated caller in this context.');
    return principal;
  }

  get principalOrNull(): Principal | null {
    return this.active ? (this.cls.get<Principal | undefined>(PRINCIPAL) ?? null) : null;
  }

  /** The caller's role in the request's tenant. */
  get role(): Role | undefined {
    return this.principal.tenants[this.scope.tenantId];
  }

  /** Set by the request guard once the token and headers are verified. */
  establish(principal: Principal, scope: Scope | null): void {
    this.cls.set(PRINCIPAL, principal);
    if (scope !== null) this.cls.set(SCOPE, scope);
    this.annotate({
      sub: principal.subject,
      ...(scope !== null
        ? { tenant_id: scope.tenantId, env: scope.env, project_id: scope.projectId }
        : {}),
    });
  }

  /** Adds fields to this request's access log line (resource kind, backend, …). */
  annotate(fields: Record<string, unknown>): void {
    if (!this.active) return;
    const req = this.cls.get<object | undefined>(CLS_REQ);
    if (req !== undefined) Object.assign(logFieldsOf(req), fields);
  }

  /**
   * A value computed once per request (for example the adapter a request is pinned to, so
   * a request that started before a route switch finishes on the old backend).
   */
  perRequest<T>(key: string, make: () => T): T {
    if (!this.active) return make();
    let memo = this.cls.get<Map<string, unknown> | undefined>(MEMO);
    if (memo === undefined) {
      memo = new Map();
      this.cls.set(MEMO, memo);
    }
    if (!memo.has(key)) memo.set(key, make());
    return memo.get(key) as T;
  }
}
