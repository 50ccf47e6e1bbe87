import { SetMetadata } from '@nestjs/common';
import type { Role } from '../request-context/principal';

/** How a route is protected. The default is a scoped route: token + tenant/env/project headers. */
export interface AccessRule {
  /** No token and no scope (health, docs, metrics). */
  public?: boolean;
  /** Token required, tenant/env/project headers not (registry admin API). */
  unscoped?: boolean;
  /** Role needed in the request's tenant; default viewer for GET/HEAD, member otherwise. */
  role?: Role;
  /** Needs `registry_admin: true` in the token. */
  registryAdmin?: boolean;
}

export const ACCESS_RULE = Symbol('ACCESS_RULE');

/** No authentication and no request scope. */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { public: true } satisfies AccessRule);

/** Authenticated, but not tied to one tenant's headers. */
export const Unscoped = (
  rule: Omit<AccessRule, 'public' | 'unscoped'> = {},
): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { ...rule, unscoped: true } satisfies AccessRule);

/** A scoped route needing at least `role` in the request's tenant. */
export const RequireRole = (role: Role): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { role } satisfies AccessRule);
