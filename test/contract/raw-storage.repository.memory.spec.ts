import {
  InMemoryRawStorageRepository,
  MEMORY_PRESIGN_ORIGIN,
} from '../../src/features/raw-storage/adapters/in-memory-raw-storage.repository';
import { Scope } from '../../src/common/scope/scope';
import { newRawAsset, rawAssetRepositoryContract } from './raw-storage.repository.contract';
import { rawStorageScopeData } from './raw-storage.scope-data';
import { scopeDataContract } from './scope-data.contract';

const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryRawStorageRepository(), close: () => Promise.resolve() }),
};

describe('InMemoryRawStorageRepository', () => {
  const repo = new InMemoryRawStorageRepository();
  rawAssetRepositoryContract(() =>
    Promise.resolve({
      repo,
      upload: (request, bytes) =>
        Promise.resolve(
          repo.simulateUpload(request.url, bytes, request.headers['Content-Type'] ?? ''),
        ),
      close: () => Promise.resolve(),
    }),
  );

  it('presigns URLs on a host that can never resolve (memory cannot receive bytes over HTTP)', async () => {
    const s = Scope.of('t_raw_fake', 'test', 'p_web');
    const asset = await repo.create(s, newRawAsset());
    const { url } = await repo.presign(s, asset, 'PUT', 600);
    expect(new URL(url).origin).toBe(MEMORY_PRESIGN_ORIGIN);
    expect(new URL(url).hostname.endsWith('.invalid')).toBe(true);
  });

  scopeDataContract(memory, memory, rawStorageScopeData);
});
