import type { Env, Scope } from '../../common/scope/scope';

/** The scope of a record as the top-level fields Firestore adapters write into its document. */
export interface ScopeFields {
  tenant_id: string;
  env: Env;
  project_id: string | null;
}

/**
 * The fields every scoped document carries beside its path, so a document read on its own
 * (console, export) still says whose it is. Spread them into whole-document writes.
 */
export function scopeFields(scope: Scope): ScopeFields {
  return { tenant_id: scope.tenantId, env: scope.env, project_id: scope.projectId };
}

/**
 * The whole document of a record that is stored as it is: its fields and its
 * {@link scopeFields} (the `write` of a `DocumentCodec` for such kinds).
 */
export function withScopeFields(scope: Scope): <T extends object>(record: T) => T & ScopeFields {
  return (record) => ({ ...record, ...scopeFields(scope) });
}
