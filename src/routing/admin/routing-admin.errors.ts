import { DomainError } from '../../common/errors/domain.error';
import { describeRouteKey, type RouteKey } from '../route.types';
import { formatProblem, type RouteProblem } from '../policy/route-problem';

/** `422 routing.backend_unreachable`: the write was not committed. */
export class BackendUnreachableError extends DomainError {
  constructor(key: RouteKey, backendType: string, reason: string) {
    super(
      'routing.backend_unreachable',
      'unprocessable',
      `The ${backendType} backend of ${describeRouteKey(key)} did not answer a probe (${reason}); nothing was written. Fix the config or the backend, then retry.`,
      { ...key, backend_type: backendType, reason },
    );
  }
}

/** `409 routing.would_break_coverage`: a delete would leave a mounted kind unresolvable. */
export class WouldBreakCoverageError extends DomainError {
  constructor(key: RouteKey, problems: RouteProblem[]) {
    super(
      'routing.would_break_coverage',
      'conflict',
      `Deleting ${describeRouteKey(key)} would leave ${problems.map(formatProblem).join('; ')}. Add a replacement route first, or pass ?force=true.`,
      { ...key, problems },
    );
  }
}

/** `400 routing.probe_required`: `probe=false` outside dev/test. */
export class ProbeRequiredError extends DomainError {
  constructor(env: string) {
    super(
      'routing.probe_required',
      'invalid',
      `probe=false is only accepted by dev and test deployments; this one serves ${env}.`,
      {
        deployment_env: env,
      },
    );
  }
}

/** `404 routing.revision_not_found`. */
export class RevisionNotFoundError extends DomainError {
  constructor(version: number) {
    super(
      'routing.revision_not_found',
      'not_found',
      `No registry revision ${version}: list /routing/history for the versions that exist.`,
      {
        registry_version: version,
      },
    );
  }
}
