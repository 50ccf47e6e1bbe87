import { type RouteInput } from '../route.types';
import { BACKEND_TYPES, type BackendType } from '../../backends/backend-type';
import { isProtectedEnv } from '../../common/scope/scope';
import { checkConfigSchema, type KindConfigKeys } from './backend-config.schema';
import { endpointHost, isLoopbackOrUnspecified } from './loopback';
import { routeProblem, type RouteProblem } from './route-problem';

/** Backend names that only ever mean "not durable". Refused in staging and prod. */
export const NON_DURABLE_BACKENDS = ['memory', 'noop', 'local', 'tmp', 'filesystem'];

/** What the policy needs to know besides the route. */
export interface PolicyContext {
  /** Backends the kind's module supports; undefined when this app does not mount the kind. */
  supportedBackends: readonly BackendType[] | undefined;
  /** The deployment's `GCP_PROJECT_ID`: the default Firestore project of a route. */
  defaultGcpProjectId: string | null;
  /** Config keys the kind adds to its routes per backend (none when absent or unmounted). */
  kindConfigKeys?: KindConfigKeys;
}

/**
 * The one judge of a route: used on API/CLI writes, at boot, on live changes and by the
 * offline `validate` command. Returns every problem (empty when the route is acceptable).
 * The policy of a route is that of the route's own env; there is no switch to relax it.
 */
export function checkRoute(route: RouteInput, ctx: PolicyContext): RouteProblem[] {
  const messages: string[] = [];
  const env = route.env;
  const type = route.backend_type as string;
  if (isProtectedEnv(env) && NON_DURABLE_BACKENDS.includes(type)) {
    messages.push(
      `backend_type "${type}" is not allowed in ${env}: use a durable backend (firestore, redis or s3)`,
    );
  } else if (!(BACKEND_TYPES as readonly string[]).includes(type)) {
    messages.push(
      `backend_type "${type}" is not a known backend (one of ${BACKEND_TYPES.join(', ')})`,
    );
  } else {
    const backend = type as BackendType;
    if (ctx.supportedBackends !== undefined && !ctx.supportedBackends.includes(backend)) {
      messages.push(
        `backend_type "${backend}" is not supported by ${route.resource_kind} (supported: ${ctx.supportedBackends.join(', ')})`,
      );
    }
    messages.push(...checkConfigSchema(backend, route.config, ctx.kindConfigKeys));
    messages.push(...checkReachability(route, backend, ctx));
  }
  return messages.map((m) => routeProblem(route, m));
}

function checkReachability(route: RouteInput, backend: BackendType, ctx: PolicyContext): string[] {
  const config = route.config;
  const problems: string[] = [];
  if (backend === 'firestore') {
    const projectId =
      typeof config.project_id === 'string' ? config.project_id : ctx.defaultGcpProjectId;
    if (projectId === null || projectId === '') {
      problems.push(
        "firestore route has no project id: set config.project_id or the deployment's GCP_PROJECT_ID",
      );
    }
  }
  if (!isProtectedEnv(route.env)) return problems;
  if (
    backend === 'redis' &&
    typeof config.host === 'string' &&
    isLoopbackOrUnspecified(config.host)
  ) {
    problems.push(
      `redis host "${config.host}" is a loopback or unspecified address, not allowed in ${route.env}: name the real Redis host`,
    );
  }
  if (backend === 's3' && typeof config.endpoint === 'string') {
    const host = endpointHost(config.endpoint);
    if (host !== null && isLoopbackOrUnspecified(host)) {
      problems.push(
        `s3 endpoint "${config.endpoint}" is a loopback or unspecified address, not allowed in ${route.env}: remove endpoint for AWS or name the real S3 endpoint`,
      );
    }
  }
  return problems;
}
