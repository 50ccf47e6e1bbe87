import { AuthError } from '../../common/auth/auth.errors';
import { hasRole, type Principal } from '../../common/request-context/principal';

/**
 * Reads of the registry: registry admins see everything; owners and admins of a tenant see
 * that tenant's routes (they must name it with `tenant_id`).
 */
export function assertCanRead(principal: Principal, tenantId: string | undefined): void {
  if (principal.registryAdmin) return;
  if (tenantId === undefined) throw AuthError.registryAdminRequired();
  if (!hasRole(principal, tenantId, 'admin'))
    throw AuthError.insufficientRole('admin', principal.tenants[tenantId]);
}
