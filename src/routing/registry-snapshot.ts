import type { Env, Scope } from '../common/scope/scope';
import type { RouteProblem } from './policy/route-problem';
import { indexRoutes, resolveRoute, type Resolution } from './resolution';
import type { Route } from './route.types';

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

  constructor(
    readonly env: Env,
    readonly version: number,
    routes: Route[],
    readonly appliedAt: Date,
    readonly rejected: RejectedRoute[] = [],
  ) {
    this.index = indexRoutes(routes);
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

  routes(): Route[] {
    return [...this.index.values()];
  }
}
