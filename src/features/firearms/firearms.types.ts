/** The resource kind this module declares in the routing registry. */
export const FIREARMS_KIND = 'firearms';

/** Licence levels, weakest first: a licence covers every action needing its level or lower. */
export const LICENCE_LEVELS = ['low', 'medium', 'high'] as const;
export type LicenceLevel = (typeof LICENCE_LEVELS)[number];

/** Who a licence is issued to. */
export const SUBJECT_TYPES = ['agent', 'tool', 'user'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** Stored statuses. `expired` is never stored: it is computed from `expires_at`. */
export const STORED_STATUSES = ['active', 'revoked'] as const;
export type StoredLicenceStatus = (typeof STORED_STATUSES)[number];
export type LicenceStatus = StoredLicenceStatus | 'expired';

/** Action names such as `deploy:prod` or `tool.shell-exec`. */
export const ACTION_FORMAT = /^[a-z][a-z0-9_.:-]{0,127}$/;
/** Subject ids: agent/tool ids, or a user's token `sub`. */
export const SUBJECT_ID_FORMAT = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/;
/** Longest a licence may run, so `expires_at` stays a 4-digit-year ISO string that sorts. */
export const MAX_LICENCE_YEARS = 10;

/** The level an action needs, configured per scope by an admin. */
export interface ActionPolicy {
  action: string;
  required_level: LicenceLevel;
  version: number;
  updated_at: string;
  updated_by: string;
}

/** Who holds a licence. */
export interface LicenceSubject {
  subject_type: SubjectType;
  subject_id: string;
}

/** A licence as stored (status `active` or `revoked`). Every field is always present. */
export interface Licence extends LicenceSubject {
  id: string;
  level: LicenceLevel;
  status: StoredLicenceStatus;
  issued_by: string;
  issued_at: string;
  /** ISO-8601 UTC; the licence stops counting at this instant. */
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  version: number;
  updated_at: string;
}

/** A licence as answered over HTTP: `status` includes the computed `expired`. */
export interface LicenceView extends Omit<Licence, 'status'> {
  status: LicenceStatus;
}

/** Filters of `GET /firearms/licences`. */
export interface LicenceFilter {
  subject_type?: SubjectType;
  subject_id?: string;
}

/** Why a check allowed or refused. */
export type CheckReason = 'licence_valid' | 'action_not_configured' | 'no_valid_licence';

/** What `GET /firearms/check` answers. */
export interface CheckResult {
  allowed: boolean;
  /** Null when the action has no configured level (then `allowed` is false). */
  required_level: LicenceLevel | null;
  licence_id: string | null;
  reason: CheckReason;
}
