import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { collectRecords } from '../../../src/common/scope-data/scope-data';
import { Scope } from '../../../src/common/scope/scope';
import { InMemoryRawStorageRepository } from '../../../src/features/raw-storage/adapters/in-memory-raw-storage.repository';
import { S3RawStorageRepository } from '../../../src/features/raw-storage/adapters/s3-raw-storage.repository';
import {
  newRawAsset,
  rawAssetRepositoryContract,
} from '../../contract/raw-storage.repository.contract';
import { completedAsset, rawStorageScopeData } from '../../contract/raw-storage.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';
import { s3Handle } from '../../utils/backend-handles';
import { testS3 } from '../../utils/test-servers';

/** A client's PUT to a presigned URL: plain fetch, exactly the headers it was given. */
async function putTo(
  request: { url: string; headers: Record<string, string> },
  bytes: Buffer,
): Promise<void> {
  const res = await fetch(request.url, { method: 'PUT', headers: request.headers, body: bytes });
  if (!res.ok) throw new Error(`presigned PUT answered ${res.status}: ${await res.text()}`);
}

describe('S3RawStorageRepository (s3rver)', () => {
  rawAssetRepositoryContract(() => {
    const s3 = s3Handle();
    return Promise.resolve({
      repo: new S3RawStorageRepository(s3),
      upload: putTo,
      close: s3.close,
    });
  });
});

const s3Side = {
  backend: 's3',
  make: () => {
    const s3 = s3Handle();
    return Promise.resolve({ repo: new S3RawStorageRepository(s3), close: s3.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({ repo: new InMemoryRawStorageRepository(), close: () => Promise.resolve() }),
};

describe('S3RawStorageRepository scope data (s3rver)', () => {
  scopeDataContract(memory, s3Side, rawStorageScopeData);
  scopeDataContract(s3Side, memory, rawStorageScopeData);
});

describe('S3RawStorageRepository scope data, beyond the contract (s3rver)', () => {
  const s3 = s3Handle();
  const repo = new S3RawStorageRepository(s3);
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_raw_sd_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');
  afterAll(() => s3.close());

  it('moves a complete asset from memory so the presigned download answers its bytes, content type and recorded ETag', async () => {
    const s = scope();
    const source = new InMemoryRawStorageRepository();
    const bytes = Buffer.from('moved bytes');
    const asset = await completedAsset(source, s, bytes, { content_type: 'text/plain' });
    await repo.importRecords(s, await collectRecords(source.exportScope(s)));

    const moved = await repo.get(s, asset.asset_id);
    expect(moved).toEqual({ ...asset, key: s3.key(s, 'raw', asset.asset_id, asset.filename) });
    const res = await fetch((await repo.presign(s, moved as typeof asset, 'GET', 300)).url);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('etag')).toBe(`"${asset.etag}"`);
    expect(asset.etag).toBe(createHash('md5').update(bytes).digest('hex'));
  });

  it('refuses to import an object whose ETag the store would not answer again', async () => {
    const s = scope();
    const body = new Uint8Array(Buffer.from('x'));
    const record = {
      collection: 'objects',
      id: 'a_kms/x.bin',
      data: { content_type: null, etag: 'not-an-md5-2' },
      body,
    };
    await expect(repo.importRecords(s, [record])).rejects.toThrow(/cannot move with its ETag/);
    await expect(new InMemoryRawStorageRepository().importRecords(s, [record])).rejects.toThrow(
      /cannot move with its ETag/,
    );
  });

  it('names only scopes that hold raw objects, not those holding another kind', async () => {
    const s = scope();
    await s3.client.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: s3.key(s, 'media', 'x.json'), Body: '{}' }),
    );
    expect(await repo.scopesHeld(s.tenantId, 'test')).toEqual([]);
    await repo.create(s, newRawAsset());
    expect(await repo.scopesHeld(s.tenantId, 'test')).toEqual([s]);
  });
});

describe('S3RawStorageRepository presigned URLs (s3rver)', () => {
  const s3 = s3Handle();
  const repo = new S3RawStorageRepository(s3);
  const s = Scope.of('t_raw_urls', 'test', 'p_web');
  afterAll(() => s3.close());

  it('signs a PUT on the route endpoint for the lifetime asked, with content type and length in the signature', async () => {
    const asset = await repo.create(s, newRawAsset({ size_bytes: 3 }));
    const url = new URL((await repo.presign(s, asset, 'PUT', 600)).url);
    expect(url.origin).toBe(testS3().endpoint);
    expect(decodeURIComponent(url.pathname)).toBe(`/${s3.bucket}/${asset.key}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
  });

  it('signs a GET that fetches the bytes as an attachment', async () => {
    const asset = await repo.create(s, newRawAsset({ filename: 'big data.csv', size_bytes: 5 }));
    await putTo(await repo.presign(s, asset, 'PUT', 600), Buffer.from('1,2,3'));
    const res = await fetch((await repo.presign(s, asset, 'GET', 300)).url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1,2,3');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="big data.csv"; filename*=UTF-8''big%20data.csv`,
    );
  });
});
