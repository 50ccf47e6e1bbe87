import { Injectable } from '@nestjs/common';
import { STRING_CURSOR, type ListRequest, type Page } from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { hasRole } from '../../common/request-context/principal';
import { RequestContext } from '../../common/request-context/request-context';
import { FirearmsRepository } from './firearms.repository';
import {
  ActionNotFoundError,
  FirearmsVersionConflictError,
  LicenceAlreadyRevokedError,
  LicenceNotFoundError,
  LicenceSelfGrantError,
} from './firearms.errors';
import { checkedExpiry, levelsCovering, toView } from './firearms.rules';
import {
  type ActionPolicy,
  type CheckResult,
  type Licence,
  type LicenceFilter,
  type LicenceLevel,
  type LicenceSubject,
  type LicenceView,
} from './firearms.types';

/** What an admin gives to issue a licence. */
export interface IssueLicenceInput extends LicenceSubject {
  level: LicenceLevel;
  expires_at: string;
}

/**
 * Licences for dangerous actions in the request's scope. An action is allowed when its
 * subject holds an unrevoked, unexpired licence of at least the action's required level;
 * an action with no configured level is refused (`action_not_configured`): dangerous
 * actions are denied until an admin says what they need.
 */
@Injectable()
export class FirearmsService {
  constructor(
    private readonly repo: FirearmsRepository,
    private readonly context: RequestContext,
  ) {}

  putAction(
    action: string,
    requiredLevel: LicenceLevel,
    expectedVersion?: number,
  ): Promise<ActionPolicy> {
    return this.repo.putAction(this.context.scope, action, requiredLevel, {
      actor: this.context.principal.subject,
      expectedVersion,
    });
  }

  async getAction(action: string): Promise<ActionPolicy> {
    const policy = await this.repo.getAction(this.context.scope, action);
    if (policy === null) throw new ActionNotFoundError(action);
    return policy;
  }

  async listActions(page: ListRequest): Promise<Page<ActionPolicy>> {
    const { limit, position } = STRING_CURSOR.start(page);
    const fetched = await this.repo.listActions(this.context.scope, {
      limit: limit + 1,
      after: position,
    });
    return STRING_CURSOR.page(fetched, limit, (last) => last.action);
  }

  /**
   * Issues a licence. The route needs admin; independently of that, nobody below admin may
   * issue a licence to themselves (subject_type user, subject_id = their `sub`), so callers
   * of this service from other modules keep the rule.
   */
  async issue(input: IssueLicenceInput): Promise<LicenceView> {
    const { scope, principal } = this.context;
    if (
      input.subject_type === 'user' &&
      input.subject_id === principal.subject &&
      !hasRole(principal, scope.tenantId, 'admin')
    ) {
      throw new LicenceSelfGrantError(principal.subject);
    }
    const now = new Date();
    const licence: Licence = {
      id: newSortableId(),
      subject_type: input.subject_type,
      subject_id: input.subject_id,
      level: input.level,
      status: 'active',
      issued_by: principal.subject,
      issued_at: now.toISOString(),
      expires_at: checkedExpiry(input.expires_at, now),
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
      version: 1,
      updated_at: now.toISOString(),
    };
    return toView(await this.repo.createLicence(scope, licence), now);
  }

  async get(id: string): Promise<LicenceView> {
    const licence = await this.repo.getLicence(this.context.scope, id);
    if (licence === null) throw new LicenceNotFoundError(id);
    return toView(licence, new Date());
  }

  async list(
    filter: LicenceFilter,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<LicenceView>> {
    const { limit, position } = STRING_CURSOR.start(page);
    const fetched = await this.repo.listLicences(this.context.scope, filter, {
      limit: limit + 1,
      before: position,
    });
    const now = new Date();
    return STRING_CURSOR.page(
      fetched.map((l) => toView(l, now)),
      limit,
      (last) => last.id,
    );
  }

  /** Revokes an active or expired licence; a revoked one is `409 firearms.already_revoked`. */
  async revoke(
    id: string,
    reason: string | undefined,
    expectedVersion?: number,
  ): Promise<LicenceView> {
    const now = new Date();
    const actor = this.context.principal.subject;
    const revoked = await this.repo.updateLicence(this.context.scope, id, (current) => {
      if (expectedVersion !== undefined && current.version !== expectedVersion)
        throw new FirearmsVersionConflictError(expectedVersion, current.version);
      if (current.status === 'revoked') throw new LicenceAlreadyRevokedError(id);
      return {
        ...current,
        status: 'revoked',
        revoked_at: now.toISOString(),
        revoked_by: actor,
        revoke_reason: reason ?? null,
        version: current.version + 1,
        updated_at: now.toISOString(),
      };
    });
    if (revoked === null) throw new LicenceNotFoundError(id);
    return toView(revoked, now);
  }

  /** Whether `subject` may perform `action` now; names the licence that allows it. */
  async check(subject: LicenceSubject, action: string): Promise<CheckResult> {
    const scope = this.context.scope;
    const policy = await this.repo.getAction(scope, action);
    if (policy === null)
      return {
        allowed: false,
        required_level: null,
        licence_id: null,
        reason: 'action_not_configured',
      };
    const now = new Date().toISOString();
    for (const level of levelsCovering(policy.required_level)) {
      const licence = await this.repo.findValidLicence(scope, subject, level, now);
      if (licence !== null)
        return {
          allowed: true,
          required_level: policy.required_level,
          licence_id: licence.id,
          reason: 'licence_valid',
        };
    }
    return {
      allowed: false,
      required_level: policy.required_level,
      licence_id: null,
      reason: 'no_valid_licence',
    };
  }
}
