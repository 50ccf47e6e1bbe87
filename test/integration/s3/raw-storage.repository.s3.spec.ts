import { Scope } from '../../../src/common/scope/scope';
import { S3RawStorageRepository } from '../../../src/features/raw-storage/adapters/s3-raw-storage.repository';
import {
  newRawAsset,
  rawAssetRepositoryContract,
} from '../../contract/raw-storage.repository.contract';
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
