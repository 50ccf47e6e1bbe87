import { InMemoryFeatureFlagsRepository } from '../../src/features/feature-flags/adapters/in-memory-feature-flags.repository';
import { featureFlagRepositoryContract } from './feature-flags.repository.contract';
import { featureFlagsScopeData } from './feature-flags.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryFeatureFlagsRepository(), close: () => Promise.resolve() }),
};

describe('InMemoryFeatureFlagsRepository', () => {
  featureFlagRepositoryContract(memory.make);
  scopeDataContract(memory, memory, featureFlagsScopeData);
});
