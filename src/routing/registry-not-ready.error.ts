import type { Env } from '../common/scope/scope';
import { formatProblem, type RouteProblem } from './policy/route-problem';

/**
 * Boot refused: the registry cannot serve every mounted kind safely. The message lists
 * every problem, one line each, naming kind and scope.
 */
export class RegistryNotReadyError extends Error {
  constructor(
    readonly env: Env,
    readonly problems: RouteProblem[],
    headline = `Routing registry is not ready for env=${env}`,
  ) {
    super(
      `${headline} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'RegistryNotReadyError';
  }
}
