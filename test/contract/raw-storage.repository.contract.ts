import { createHash } from 'node:crypto';
import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { RawStorageRepository } from '../../src/features/raw-storage/raw-storage.repository';
import type {
  NewRawAsset,
  PresignedRequest,
  RawAsset,
} from '../../src/features/raw-storage/raw-storage.types';

/** What a contract run needs besides the repository: how a client would send bytes to a presigned PUT. */
export interface RawHarness {
  repo: RawStorageRepository;
  upload(request: PresignedRequest, bytes: Buffer): Promise<void>;
  close(): Promise<void>;
}

export function newRawAsset(over: Partial<NewRawAsset> = {}): NewRawAsset {
  return {
    asset_id: newSortableId(),
    filename: 'data.csv',
    content_type: 'text/csv',
    size_bytes: 5,
    status: 'pending',
    etag: null,
    created_by: 'u_a',
    created_at: new Date().toISOString(),
    completed_at: null,
    ...over,
  };
}

/**
 * The behaviour every RawStorageRepository adapter must have. Each test uses its own tenant
 * so runs never clash.
 */
export function rawAssetRepositoryContract(make: () => Promise<RawHarness>): void {
  let h: RawHarness;
  let n = 0;
  const scope = (project = 'p_web'): Scope =>
    Scope.of(`t_raw_${Date.now().toString(36)}_${(n += 1)}`, 'test', project);

  beforeAll(async () => {
    h = await make();
  });
  afterAll(() => h.close());

  it('creates a pending asset keyed tenants/{tenant}/{env}/{project}/raw/{asset_id}/{filename} and reads it back', async () => {
    const s = scope();
    const asset = await h.repo.create(s, newRawAsset({ filename: 'report 1.csv' }));
    expect(asset.key).toMatch(
      new RegExp(`(^|/)tenants/${s.tenantId}/test/p_web/raw/${asset.asset_id}/report 1\\.csv$`),
    );
    expect(await h.repo.get(s, asset.asset_id)).toEqual(asset);
  });

  it('returns null for an unknown id and for an asset of another tenant, project or env', async () => {
    const s = scope();
    const asset = await h.repo.create(s, newRawAsset());
    expect(await h.repo.get(s, newSortableId())).toBeNull();
    expect(await h.repo.get(scope(), asset.asset_id)).toBeNull();
    expect(await h.repo.get(Scope.of(s.tenantId, 'test', 'p_other'), asset.asset_id)).toBeNull();
    expect(await h.repo.get(Scope.of(s.tenantId, 'dev', 'p_web'), asset.asset_id)).toBeNull();
  });

  it('replaces the record on update', async () => {
    const s = scope();
    const asset = await h.repo.create(s, newRawAsset());
    const completed: RawAsset = {
      ...asset,
      status: 'complete',
      etag: 'abc',
      completed_at: new Date().toISOString(),
    };
    await h.repo.update(s, completed);
    expect(await h.repo.get(s, asset.asset_id)).toEqual(completed);
  });

  it('lists newest first, pages with next, and never shows another scope', async () => {
    const s = scope();
    const made: RawAsset[] = [];
    for (let i = 0; i < 3; i += 1) made.push(await h.repo.create(s, newRawAsset()));
    const first = await h.repo.list(s, { limit: 2 });
    expect(first.items).toEqual([made[2], made[1]]);
    expect(await h.repo.list(s, { limit: 2, before: first.next as string })).toEqual({
      items: [made[0]],
      next: null,
    });
    expect(
      (await h.repo.list(Scope.of(s.tenantId, 'test', 'p_other'), { limit: 10 })).items,
    ).toEqual([]);
  });

  it('reports nothing stored before an upload, and size, ETag and content type after one through the presigned PUT', async () => {
    const s = scope();
    const asset = await h.repo.create(s, newRawAsset({ size_bytes: 5 }));
    expect(await h.repo.head(s, asset)).toBeNull();
    const put = await h.repo.presign(s, asset, 'PUT', 600);
    expect(put).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'text/csv' } });
    await h.upload(put, Buffer.from('a,b,c'));
    expect(await h.repo.head(s, asset)).toEqual({
      size_bytes: 5,
      etag: createHash('md5').update('a,b,c').digest('hex'),
      content_type: 'text/csv',
    });
  });

  it('presigns a GET of the object', async () => {
    const s = scope();
    const asset = await h.repo.create(s, newRawAsset());
    const get = await h.repo.presign(s, asset, 'GET', 300);
    expect(get.method).toBe('GET');
    expect(get.url).toMatch(/^https?:\/\//);
  });

  it('deletes the object, and a second delete is harmless', async () => {
    const s = scope();
    const asset = await h.repo.create(s, newRawAsset({ size_bytes: 1 }));
    await h.upload(await h.repo.presign(s, asset, 'PUT', 600), Buffer.from('x'));
    await h.repo.deleteObject(s, asset);
    expect(await h.repo.head(s, asset)).toBeNull();
    await expect(h.repo.deleteObject(s, asset)).resolves.toBeUndefined();
  });
}
