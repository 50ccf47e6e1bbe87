import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { logFieldsOf } from './log-fields';
import { requestIdOf } from './request-id.middleware';
import { Scope } from '../scope/scope';
import type { Principal, Role } from './principal';

/** What one request (or one {@link RequestContext.run}) holds while it runs. */
interface RequestStore {
  readonly id: string;
  /** The HTTP request, whose access log line {@link RequestContext.annotate} feeds. */
  readonly req: object | null;
  principal?: Principal;
  scope?: Scope;
  memo?: Map<string, unknown>;
}

/**
 * One store for the process, as AsyncLocalStorage is per async call chain: apps running
 * side by side in one process (tests) each see their own requests' stores.
 */
const storage = new AsyncLocalStorage<RequestStore>();

/**
 * Starts the request's context for everything after it (guards, handlers and what they
 * start). Mounted after body parsing: a request body's stream events would not carry it.
 */
export function requestContextMiddleware(req: Request, _res: Response, next: NextFunction): void {
  storage.run({ id: requestIdOf(req), req }, next);
}

/**
 * The current request's id, scope and caller, held in AsyncLocalStorage for the whole
 * request and anything it starts. Providers stay singletons; they read the context here.
 */
@Injectable()
export class RequestContext {
  /** True inside a request (or a context started with {@link run}). */
  get active(): boolean {
    return storage.getStore() !== undefined;
  }

  get requestId(): string {
    return storage.getStore()?.id ?? 'none';
  }

  /**
   * Runs `fn` in a fresh context of its own (no caller, no scope until
   * {@link establish}), as a request would; for work outside HTTP and for tests.
   */
  run<T>(fn: () => T): T {
    return storage.run({ id: randomUUID(), req: null }, fn);
  }

  /** The request's `(tenant, env, project)`. Throws when the route does not establish one. */
  get scope(): Scope {
    const scope = storage.getStore()?.scope;
    if (scope === undefined) {
      throw new Error(
        'No request scope here: only routes that require X-Tenant-Id, X-Env and X-Project-Id have one.',
      );
    }
    return scope;
  }

  /** The scope, or null outside a scoped request (for logging). */
  get scopeOrNull(): Scope | null {
    return storage.getStore()?.scope ?? null;
  }

  get principal(): Principal {
    const principal = storage.getStore()?.principal;
    if (principal === undefined) throw new Error('No authenticated caller in this context.');
    return principal;
  }

  get principalOrNull(): Principal | null {
    return storage.getStore()?.principal ?? null;
  }

  /** The caller's role in the request's tenant. */
  get role(): Role | undefined {
    return this.principal.tenants[this.scope.tenantId];
  }

  /** Set by the request guard once the token and headers are verified. */
  establish(principal: Principal, scope: Scope | null): void {
    const store = storage.getStore();
    if (store === undefined) {
      throw new Error(
        'No request context to establish a caller in: call it inside a request or RequestContext.run.',
      );
    }
    store.principal = principal;
    if (scope !== null) store.scope = scope;
    if (store.req === null) return;
    const fields = logFieldsOf(store.req);
    fields.sub = principal.subject;
    if (scope !== null) {
      fields.tenant_id = scope.tenantId;
      fields.env = scope.env;
      fields.project_id = scope.projectId;
    }
  }

  /** Adds fields to this request's access log line (resource kind, backend, …). */
  annotate(fields: Record<string, unknown>): void {
    const req = storage.getStore()?.req;
    if (req !== undefined && req !== null) Object.assign(logFieldsOf(req), fields);
  }

  /**
   * A value computed once per request (for example the adapter a request is pinned to, so
   * a request that started before a route switch finishes on the old backend).
   */
  perRequest<T>(key: string, make: () => T): T {
    const store = storage.getStore();
    if (store === undefined) return make();
    store.memo ??= new Map();
    if (store.memo.has(key)) return store.memo.get(key) as T;
    const value = make();
    store.memo.set(key, value);
    return value;
  }
}
