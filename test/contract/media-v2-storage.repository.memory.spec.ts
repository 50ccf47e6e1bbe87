import { InMemoryMediaV2StorageRepository } from '../../src/features/media-v2-storage/adapters/in-memory-media-v2-storage.repository';
import { mediaAssetRepositoryContract } from './media-v2-storage.repository.contract';

describe('InMemoryMediaV2StorageRepository', () => {
  mediaAssetRepositoryContract(() =>
    Promise.resolve({
      repo: new InMemoryMediaV2StorageRepository(),
      close: () => Promise.resolve(),
    }),
  );
});
