import { hasRole } from '../request-context/principal';
import type { RequestContext } from '../request-context/request-context';
import { AuthError } from './auth.errors';

/**
 * "Creator or admin": passes when the caller created the record or has `admin` (or higher)
 * in the request's tenant; otherwise `403 auth.insufficient_role`.
 */
export function assertCreatorOrAdmin(context: RequestContext, createdBy: string): void {
  const principal = context.principal;
  if (principal.subject === createdBy) return;
  if (hasRole(principal, context.scope.tenantId, 'admin')) return;
  throw AuthError.insufficientRole('admin (or be the creator)', context.role);
}
