import { InMemoryMediaAssetRepository } from '../../src/features/media-storage/adapters/in-memory-media-asset.repository';
import { mediaAssetRepositoryContract } from './media-asset.repository.contract';

describe('InMemoryMediaAssetRepository', () => {
  mediaAssetRepositoryContract(() =>
    Promise.resolve({ repo: new InMemoryMediaAssetRepository(), close: () => Promise.resolve() }),
  );
});
