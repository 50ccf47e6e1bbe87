import type { Scope } from '../common/scope/scope';

/** Placeholder for "whole tenant" in storage paths; cannot collide with `p_...` ids. */
export const TENANT_WIDE = '-';

/**
 * The storage path segments of a scope: `[tenant, env, project|-]`. Every id format
 * excludes `/`, `:` and `%`, so the segments never need escaping; {@link escapeSegment}
 * is for caller-supplied parts.
 */
export function scopeSegments(scope: Scope): [string, string, string] {
  return [scope.tenantId, scope.env, scope.projectId ?? TENANT_WIDE];
}

/** Escapes a caller-supplied key part so that joining parts can never collide. */
export function escapeSegment(part: string): string {
  return encodeURIComponent(part);
}
