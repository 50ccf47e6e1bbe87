import { describeRouteKey, type RouteKey } from '../route.types';

/** One reason a route (or a kind at a scope) is unusable, with its kind and scope. */
export interface RouteProblem {
  resource_kind: string;
  /** `t_acme/prod/p_web` or `t_acme/prod/*`. */
  scope: string;
  message: string;
}

export function routeProblem(key: RouteKey, message: string): RouteProblem {
  return {
    resource_kind: key.resource_kind,
    scope: `${key.tenant_id}/${key.env}/${key.project_id ?? '*'}`,
    message,
  };
}

/** `kpi @ t_acme/prod/p_web: backend_type "memory" is not allowed in prod` */
export function formatProblem(p: RouteProblem): string {
  return `${p.resource_kind} @ ${p.scope}: ${p.message}`;
}

export { describeRouteKey };
