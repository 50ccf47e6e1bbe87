import type { Scope } from '../../src/common/scope/scope';
import { InMemoryRawStorageRepository } from '../../src/features/raw-storage/adapters/in-memory-raw-storage.repository';
import type { RawStorageRepository } from '../../src/features/raw-storage/raw-storage.repository';
import type { PresignedRequest, RawAsset } from '../../src/features/raw-storage/raw-storage.types';
import { newRawAsset } from './raw-storage.repository.contract';
import type { ScopeDataContractOptions } from './scope-data.contract';

/** A client's PUT to a presigned URL: simulated on memory, plain fetch on S3. */
export async function uploadTo(
  repo: RawStorageRepository,
  request: PresignedRequest,
  bytes: Buffer,
): Promise<void> {
  if (repo instanceof InMemoryRawStorageRepository) {
    repo.simulateUpload(request.url, bytes, request.headers['Content-Type'] ?? '');
    return;
  }
  const res = await fetch(request.url, { method: 'PUT', headers: request.headers, body: bytes });
  if (!res.ok) throw new Error(`presigned PUT answered ${res.status}: ${await res.text()}`);
}

/** Creates an asset, uploads `bytes` to it and completes it as the service does. */
export async function completedAsset(
  repo: RawStorageRepository,
  scope: Scope,
  bytes: Buffer,
  over: Partial<RawAsset> = {},
): Promise<RawAsset> {
  const asset = await repo.create(scope, newRawAsset({ ...over, size_bytes: bytes.length }));
  await uploadTo(repo, await repo.presign(scope, asset, 'PUT', 600), bytes);
  const stored = await repo.head(scope, asset);
  const completed: RawAsset = {
    ...asset,
    status: 'complete',
    etag: stored?.etag ?? null,
    content_type: stored?.content_type ?? asset.content_type,
    completed_at: new Date().toISOString(),
  };
  await repo.update(scope, completed);
  return completed;
}

/** Every byte value, so a copy that is not byte for byte shows. */
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** The key without the route prefix an S3 route puts before `tenants/`. */
const neutral = (asset: RawAsset): RawAsset => ({
  ...asset,
  key: asset.key.slice(asset.key.indexOf('tenants/')),
});

/**
 * raw_storage for the scope-data round trip: a pending asset without bytes, a pending one
 * whose bytes were uploaded (not completed), and two complete ones (text and binary), one
 * of them updated twice.
 */
export const rawStorageScopeData: ScopeDataContractOptions<RawStorageRepository> = {
  async seed(repo, scope) {
    await repo.create(scope, newRawAsset({ size_bytes: 3 }));
    const uploaded = await repo.create(
      scope,
      newRawAsset({
        filename: 'blob.bin',
        content_type: 'application/octet-stream',
        size_bytes: 256,
      }),
    );
    await uploadTo(repo, await repo.presign(scope, uploaded, 'PUT', 600), ALL_BYTES);
    await completedAsset(repo, scope, Buffer.from('a,b,c'), { filename: 'report 1.csv' });
    const image = await completedAsset(repo, scope, Buffer.concat([ALL_BYTES, ALL_BYTES]), {
      filename: 'pic.png',
      content_type: 'image/png',
    });
    await repo.update(scope, { ...image, created_by: 'u_b' });
  },
  async read(repo, scope) {
    const { items, next } = await repo.list(scope, { limit: 50 });
    const assets = await Promise.all(items.map((a) => repo.get(scope, a.asset_id)));
    const heads = await Promise.all(items.map((a) => repo.head(scope, a)));
    return {
      items: items.map(neutral),
      next,
      assets: assets.map((a) => (a === null ? null : neutral(a))),
      heads,
    };
  },
};
