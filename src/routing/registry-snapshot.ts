import type { Env, Scope } from '../common/scope/scope';
import type { RouteProblem } from './policy/route-problem';
import { indexRoutes, resolveRoute, type Resolution } from './resolution';
import type { ScopeFreeze } from './moves/move.types';
import { routeKeyId, type Route } from './route.types';

/** A live change that the policy refused; the previous route (if any) stays in force. */
export interface RejectedRoute {
  registry_version: number;
  problems: RouteProblem[];
}

/**
 * The routes this instance serves from: those of its own env that passed the policy, at one
 * registry version. Immutable; resolution is a map lookup (no store round trip).
 */
export class RegistrySnapshot {
  private readonly index: Map<string, Route>;
  /** Freezes of this env by kind (empty for almost every snapshot). */
  private readonly freezesByKind = new Map<string, ScopeFreeze[]>();

  constructor(
    readonly env: Env,
    readonly version: number,
    routes: Route[],
    readonly appliedAt: Date,
    readonly rejected: RejectedRoute[] = [],
    readonly freezes: readonly ScopeFreeze[] = [],
  ) {
    this.index = indexRoutes(routes);
    for (const freeze of freezes) {
      if (freeze.env !== env) continue;
      const list = this.freezesByKind.get(freeze.resource_kind) ?? [];
      list.push(freeze);
      this.freezesByKind.set(freeze.resource_kind, list);
    }
  }

  static empty(env: Env): RegistrySnapshot {
    return new RegistrySnapshot(env, -1, [], new Date(0));
  }

  resolve(kind: string, scope: Scope): Resolution {
    return resolveRoute(this.index, kind, scope);
  }

  /** The route in force for an exact key id, if any (used to keep last-known-good routes). */
  get(keyId: string): Route | undefined {
    return this.index.get(keyId);
  }

  /**
   * The freeze that holds writes of `kind` at `scope`, or null. A project-level freeze holds
   * its project; a tenant-wide one holds the tenant-level records and every project of the
   * tenant without a route of its own for the kind (the scopes the tenant-wide route serves).
   * A freeze whose lease has expired holds nothing (its runner is gone; see `MoveSupervisor`).
   */
  frozenFor(kind: string, scope: Scope, now = Date.now()): ScopeFreeze | null {
    const freezes = this.freezesByKind.get(kind);
    if (freezes === undefined) return null;
    for (const freeze of freezes) {
      if (
        freeze.tenant_id !== scope.tenantId ||
        freeze.env !== scope.env ||
        Date.parse(freeze.lease_expires_at) <= now
      )
        continue;
      if (freeze.project_id !== null) {
        if (freeze.project_id === scope.projectId) return freeze;
        continue;
      }
      const ownRoute =
        scope.projectId !== null &&
        this.index.has(
          routeKeyId({
            resource_kind: kind,
            tenant_id: scope.tenantId,
            env: scope.env,
            project_id: scope.projectId,
          }),
        );
      if (!ownRoute) return freeze;
    }
    return null;
  }

  routes(): Route[] {
    return [...this.index.values()];
  }
}
