import { InMemoryMediaV2StorageRepository } from '../../src/features/media-v2-storage/adapters/in-memory-media-v2-storage.repository';
import { mediaAssetRepositoryContract } from './media-v2-storage.repository.contract';
import { mediaV2StorageScopeData } from './media-v2-storage.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({
      repo: new InMemoryMediaV2StorageRepository(),
      close: () => Promise.resolve(),
    }),
};

describe('InMemoryMediaV2StorageRepository', () => {
  mediaAssetRepositoryContract(memory.make);
  scopeDataContract(memory, memory, mediaV2StorageScopeData);
});
