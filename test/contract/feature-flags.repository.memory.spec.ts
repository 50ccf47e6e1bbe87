import { InMemoryFeatureFlagsRepository } from '../../src/features/feature-flags/adapters/in-memory-feature-flags.repository';
import { featureFlagRepositoryContract } from './feature-flags.repository.contract';

describe('InMemoryFeatureFlagsRepository', () => {
  featureFlagRepositoryContract(() =>
    Promise.resolve({ repo: new InMemoryFeatureFlagsRepository(), close: () => Promise.resolve() }),
  );
});
