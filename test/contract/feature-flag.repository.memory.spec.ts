import { InMemoryFeatureFlagRepository } from '../../src/features/feature-flags/adapters/in-memory-feature-flag.repository';
import { featureFlagRepositoryContract } from './feature-flag.repository.contract';

describe('InMemoryFeatureFlagRepository', () => {
  featureFlagRepositoryContract(() =>
    Promise.resolve({ repo: new InMemoryFeatureFlagRepository(), close: () => Promise.resolve() }),
  );
});
