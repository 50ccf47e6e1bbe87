import type { Scope } from '../../../common/scope/scope';
import type { RealtimeIdType, RealtimeRegistration } from '../realtime-registry.types';

/** What a registration claims: an id of a type, for the actor registering it. */
export interface RealtimeClaim {
  type: RealtimeIdType;
  id: string;
  actor: string;
}

/** The registration both adapters store for `claim`: owned by `scope`, made now. */
export function registrationOf(scope: Scope, claim: RealtimeClaim): RealtimeRegistration {
  return {
    id: claim.id,
    type: claim.type,
    tenant_id: scope.tenantId,
    env: scope.env,
    project_id: scope.projectId,
    created_by: claim.actor,
    created_at: new Date().toISOString(),
  };
}

/**
 * Whether `scope` owns a stored registration. Ids are one space across scopes, so a read
 * by id finds other scopes' registrations too; they are answered as absent.
 */
export function isOwnedBy(
  scope: Scope,
  found: RealtimeRegistration | null | undefined,
): found is RealtimeRegistration {
  return (
    found !== null &&
    found !== undefined &&
    found.tenant_id === scope.tenantId &&
    found.env === scope.env &&
    found.project_id === scope.projectId
  );
}
