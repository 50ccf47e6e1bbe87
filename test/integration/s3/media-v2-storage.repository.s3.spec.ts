import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { BackendError } from '../../../src/backends/backend.error';
import { s3Driver } from '../../../src/backends/s3/s3.driver';
import { invertSortableId as newestFirst } from '../../../src/common/ids/sortable-id';
import { Scope } from '../../../src/common/scope/scope';
import { collectRecords } from '../../../src/common/scope-data/scope-data';
import { InMemoryMediaV2StorageRepository } from '../../../src/features/media-v2-storage/adapters/in-memory-media-v2-storage.repository';
import { S3MediaV2StorageRepository } from '../../../src/features/media-v2-storage/adapters/s3-media-v2-storage.repository';
import { s3Handle } from '../../utils/backend-handles';
import { TEST_S3_CREDENTIAL_ENV } from '../../utils/routes';
import {
  assetOf,
  mediaAssetRepositoryContract,
  newTarget,
  readAll,
  storeAsset,
} from '../../contract/media-v2-storage.repository.contract';
import { mediaV2StorageScopeData } from '../../contract/media-v2-storage.scope-data';
import { scopeDataContract } from '../../contract/scope-data.contract';

const MiB = 1024 * 1024;

const s3Side = {
  backend: 's3',
  make: () => {
    const s3 = s3Handle();
    return Promise.resolve({ repo: new S3MediaV2StorageRepository(s3), close: s3.close });
  },
};
const memory = {
  backend: 'memory',
  make: () =>
    Promise.resolve({
      repo: new InMemoryMediaV2StorageRepository(),
      close: () => Promise.resolve(),
    }),
};

describe('S3MediaV2StorageRepository (s3rver)', () => {
  mediaAssetRepositoryContract(s3Side.make);
  scopeDataContract(memory, s3Side, mediaV2StorageScopeData);
  scopeDataContract(s3Side, memory, mediaV2StorageScopeData);
});

describe('S3MediaV2StorageRepository on s3rver, beyond the contract', () => {
  const s3 = s3Handle();
  const repo = new S3MediaV2StorageRepository(s3);
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_s3media_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');
  const keysUnder = async (prefix: string): Promise<string[]> =>
    (
      (await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix })))
        .Contents ?? []
    ).map((o) => o.Key as string);

  afterAll(() => s3.close());

  it('stores bytes at {prefix}/tenants/{tenant}/{env}/{project}/media/{id}/{filename} with the metadata beside them', async () => {
    const s = scope();
    const asset = await storeAsset(repo, s, Buffer.from('abc'), {
      filename: 'clip.mp4',
      tags: ['t1'],
    });
    const root = s3.key(s, 'media');
    expect(root).toMatch(new RegExp(`^t[a-z0-9]+/tenants/${s.tenantId}/test/p_web/media$`));
    const pointer = `${root}/_index/all/${newestFirst(asset.id)}.video`;
    expect((await keysUnder(`${root}/`)).sort()).toEqual(
      [
        `${root}/${asset.id}/clip.mp4`,
        `${root}/${asset.id}.json`,
        pointer,
        `${root}/_index/tag/t1/${newestFirst(asset.id)}.video`,
      ].sort(),
    );
  });

  it('streams a multi-part upload (over 5 MiB) and reads the same bytes back', async () => {
    const s = scope();
    const bytes = Buffer.alloc(6 * MiB + 123, 7);
    const asset = await storeAsset(repo, s, bytes);
    const back = await readAll((await repo.openContent(s, asset)) as Readable);
    expect(createHash('sha256').update(back).digest('hex')).toBe(asset.sha256);
  });

  it('leaves no object when a multi-part upload fails midway (s3rver answers the abort with 405; the error stays the body error)', async () => {
    const s = scope();
    const target = newTarget();
    const boom = new Error('over the limit');
    const body = Readable.from(
      (function* () {
        for (let i = 0; i < 6; i += 1) yield Buffer.alloc(MiB, i);
        throw boom;
      })(),
    );
    await expect(repo.putContent(s, target, body)).rejects.toBe(boom);
    expect(await keysUnder(`${s3.key(s, 'media')}/`)).toEqual([]);
    expect(await repo.openContent(s, assetOf(target, Buffer.alloc(0)))).toBeNull();
  });

  it('answers a short page and a next position when a filtered list runs out of its ListObjectsV2 budget', async () => {
    const s = scope();
    const tight = new S3MediaV2StorageRepository(s3, { listPageKeys: 2, maxListCalls: 2 });
    const video = await storeAsset(tight, s, Buffer.from('v'), { kind: 'video' });
    for (let i = 0; i < 5; i += 1)
      await storeAsset(tight, s, Buffer.from(`i${i}`), { kind: 'image' });
    const first = await tight.list(s, { limit: 10, kind: 'video' });
    expect(first.items).toEqual([]);
    expect(first.next).not.toBeNull();
    const second = await tight.list(s, { limit: 10, kind: 'video', before: first.next as string });
    expect(second).toEqual({ items: [video], next: null });
  });

  it('pages through continuation tokens within one call', async () => {
    const s = scope();
    const tight = new S3MediaV2StorageRepository(s3, { listPageKeys: 2, maxListCalls: 3 });
    for (let i = 0; i < 5; i += 1) await storeAsset(tight, s, Buffer.from(`a${i}`));
    expect((await tight.list(s, { limit: 5 })).items).toHaveLength(5);
  });

  it('skips a list pointer whose metadata is gone', async () => {
    const s = scope();
    const kept = await storeAsset(repo, s, Buffer.from('k'));
    const orphan = await storeAsset(repo, s, Buffer.from('o'));
    await s3.client.send(
      new DeleteObjectCommand({
        Bucket: s3.bucket,
        Key: `${s3.key(s, 'media')}/${orphan.id}.json`,
      }),
    );
    expect((await repo.list(s, { limit: 10 })).items).toEqual([kept]);
  });
});

describe('S3MediaV2StorageRepository scope data on s3rver, beyond the contract', () => {
  const s3 = s3Handle();
  const repo = new S3MediaV2StorageRepository(s3);
  let n = 0;
  const scope = (): Scope =>
    Scope.of(`t_s3media_sd_${Date.now().toString(36)}_${(n += 1)}`, 'test', 'p_web');
  const keysUnder = async (prefix: string): Promise<string[]> =>
    (
      (await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix })))
        .Contents ?? []
    ).map((o) => o.Key as string);
  const etagOf = async (key: string): Promise<string | undefined> =>
    (await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: key })))
      .Contents?.[0]?.ETag;

  afterAll(() => s3.close());

  it('moves a multi-part asset to memory and back with its bytes, and S3 gives the bytes the ETag the first upload got', async () => {
    const s = scope();
    const bytes = Buffer.alloc(6 * MiB + 123, 9);
    const asset = await storeAsset(repo, s, bytes, { tags: ['big'] });
    const key = `${s3.key(s, 'media')}/${asset.id}/${asset.filename}`;
    // s3rver gives a multi-part object the MD5 of all its bytes where S3 gives `{MD5 of the
    // part MD5s}-2`; the import goes through the same uploader (same part size), so on S3 too
    // the ETag is the one the first upload got.
    const uploaded = await etagOf(key);
    expect(uploaded).toBeDefined();

    const memory = new InMemoryMediaV2StorageRepository();
    await memory.importRecords(s, await collectRecords(repo.exportScope(s)));
    await repo.deleteScope(s);
    expect(await keysUnder(`${s3.key(s, 'media')}/`)).toEqual([]);
    await repo.importRecords(s, await collectRecords(memory.exportScope(s)));

    expect(await etagOf(key)).toBe(uploaded);
    expect(await repo.list(s, { limit: 10, tag: 'big' })).toEqual({ items: [asset], next: null });
    const back = await readAll((await repo.openContent(s, asset)) as Readable);
    expect(createHash('sha256').update(back).digest('hex')).toBe(asset.sha256);
  });

  it('leaves uploads that never completed behind, and deleteScope removes them with the rest', async () => {
    const s = scope();
    const kept = await storeAsset(repo, s, Buffer.from('kept'));
    await repo.putContent(s, newTarget('half.mp4'), Readable.from([Buffer.from('half')]));
    const records = await collectRecords(repo.exportScope(s));
    expect(records.map((r) => r.id)).toEqual([kept.id]);
    expect(await repo.scopesHeld(s.tenantId, 'test')).toEqual([s]);

    await repo.deleteScope(s);
    expect(await keysUnder(`${s3.key(s, 'media')}/`)).toEqual([]);
    expect(await repo.scopesHeld(s.tenantId, 'test')).toEqual([]);
  });

  it('imports an asset whose bytes were gone as one whose bytes are gone', async () => {
    const s = scope();
    const memory = new InMemoryMediaV2StorageRepository();
    const asset = await storeAsset(memory, s, Buffer.from('x'));
    const [record] = await collectRecords(memory.exportScope(s));
    await repo.importRecords(s, [{ ...record!, body: undefined }]);
    expect(await repo.get(s, asset.id)).toEqual(asset);
    expect(await repo.openContent(s, asset)).toBeNull();
    expect(await collectRecords(repo.exportScope(s))).toEqual([
      { collection: 'assets', id: asset.id, data: asset },
    ]);
  });
});

describe('S3MediaV2StorageRepository against an endpoint that accepts connections and never answers', () => {
  let server: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails an upload with a timeout BackendError (the per-request bound), not a hang', async () => {
    const port = (server.address() as { port: number }).port;
    const config = {
      bucket: 'blackhole',
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      force_path_style: true,
      ...TEST_S3_CREDENTIAL_ENV,
    };
    const connection = s3Driver.connect(config, {
      timeoutMs: 5000,
      firestoreEmulatorHost: null,
      defaultGcpProjectId: null,
      secret: () => 'x',
    });
    const repo = new S3MediaV2StorageRepository(s3Driver.handle(connection, config), {
      requestTimeoutMs: 300,
    });
    try {
      const failure = await repo
        .putContent(
          Scope.of('t_hole', 'test', 'p_web'),
          newTarget(),
          Readable.from([Buffer.from('x')]),
        )
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(BackendError);
      expect((failure as BackendError).reason).toBe('timeout');
    } finally {
      await connection.close();
    }
  });
});
