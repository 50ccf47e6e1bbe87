import type { Scope } from '../../src/common/scope/scope';
import type { FeatureFlagsRepository } from '../../src/features/feature-flags/feature-flags.repository';
import { DEFAULT_FLAGS } from '../../src/features/feature-flags/feature-flags.types';
import type { ScopeDataContractOptions } from './scope-data.contract';

/** Feature flags for the scope-data round trip: a document written twice (version 2). */
export const featureFlagsScopeData: ScopeDataContractOptions<FeatureFlagsRepository> = {
  async seed(repo, scope: Scope) {
    await repo.put(scope, { ...DEFAULT_FLAGS, custom: { a: 1 } }, { actor: 'u_a' });
    await repo.put(
      scope,
      { ...DEFAULT_FLAGS, ws_enabled: true, custom: { b: 'x' } },
      { actor: 'u_b' },
    );
  },
  read: (repo, scope) => repo.get(scope),
};
