/** Roles in a tenant, weakest first. Comparisons use {@link ROLE_RANK}. */
export const ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** Who is calling, as stated by a verified token (never by a header). */
export interface Principal {
  /** Token `sub`. */
  subject: string;
  /** Role per tenant (`{ t_acme: 'owner' }`). */
  tenants: Readonly<Record<string, Role>>;
  /** Projects allowed per tenant; a tenant absent here allows all its projects. */
  projects: Readonly<Record<string, readonly string[]>>;
  registryAdmin: boolean;
}

export function hasRole(principal: Principal, tenantId: string, needed: Role): boolean {
  const role = principal.tenants[tenantId];
  return role !== undefined && ROLE_RANK[role] >= ROLE_RANK[needed];
}
