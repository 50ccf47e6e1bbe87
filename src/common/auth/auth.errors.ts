import { DomainError } from '../errors/domain.error';

/** `401 auth.missing_token` / `auth.invalid_token`, `403 auth.*`. */
export class AuthError extends DomainError {
  static missingToken(): AuthError {
    return new AuthError(
      'auth.missing_token',
      'unauthenticated',
      'No bearer token: send "Authorization: Bearer <JWT>".',
    );
  }

  static invalidToken(reason: string): AuthError {
    return new AuthError(
      'auth.invalid_token',
      'unauthenticated',
      `The bearer token is not valid (${reason}). Obtain a new token.`,
      {
        reason,
      },
    );
  }

  static tenantForbidden(tenantId: string): AuthError {
    return new AuthError(
      'auth.tenant_forbidden',
      'forbidden',
      `The token grants no role in tenant ${tenantId}.`,
      { tenant_id: tenantId },
    );
  }

  static projectForbidden(tenantId: string, projectId: string): AuthError {
    return new AuthError(
      'auth.project_forbidden',
      'forbidden',
      `The token does not allow project ${projectId} of tenant ${tenantId}.`,
      {
        tenant_id: tenantId,
        project_id: projectId,
      },
    );
  }

  static insufficientRole(needed: string, actual: string | undefined): AuthError {
    return new AuthError(
      'auth.insufficient_role',
      'forbidden',
      `This action needs role "${needed}" or higher in the tenant; the token grants "${actual ?? 'none'}".`,
      { required_role: needed, role: actual ?? null },
    );
  }

  static registryAdminRequired(): AuthError {
    return new AuthError(
      'auth.registry_admin_required',
      'forbidden',
      'This action needs a token with registry_admin: true.',
    );
  }
}

/** `400 context.*`: the tenant/env/project headers are missing, malformed or contradicted. */
export class ContextError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(`context.${code}`, 'invalid', message, details);
  }
}
