import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { newSortableId } from '../../src/common/ids/sortable-id';
import { Scope } from '../../src/common/scope/scope';
import { MediaV2StorageRepository } from '../../src/features/media-v2-storage/media-v2-storage.repository';
import type {
  MediaAsset,
  MediaContentTarget,
  MediaKind,
} from '../../src/features/media-v2-storage/media-v2-storage.types';

/** Reads a stream to the end. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** A body that yields `bytes` then fails with `error`. */
export function failingBody(bytes: Buffer, error: Error): Readable {
  return Readable.from(
    (async function* () {
      yield bytes;
      await Promise.resolve();
      throw error;
    })(),
  );
}

export function newTarget(filename = 'clip.mp4', contentType = 'video/mp4'): MediaContentTarget {
  return { id: newSortableId(), filename, content_type: contentType };
}

/** The metadata the upload service would record for `bytes` stored at `target`. */
export function assetOf(
  target: MediaContentTarget,
  bytes: Buffer,
  over: { kind?: MediaKind; tags?: string[] } = {},
): MediaAsset {
  return {
    ...target,
    kind: over.kind ?? 'video',
    tags: over.tags ?? [],
    size_bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    created_by: 'u_a',
    created_at: new Date().toISOString(),
  };
}

/** Puts `bytes` and saves metadata for them, as the upload service does. */
export async function storeAsset(
  repo: MediaV2StorageRepository,
  scope: Scope,
  bytes: Buffer,
  over: { kind?: MediaKind; tags?: string[]; filename?: string } = {},
): Promise<MediaAsset> {
  const target = newTarget(over.filename);
  await repo.putContent(scope, target, Readable.from([bytes]));
  const asset = assetOf(target, bytes, over);
  await repo.save(scope, asset);
  return asset;
}

/**
 * The behaviour every MediaV2StorageRepository adapter must have. `make` returns a fresh
 * repository; each test uses its own tenant so runs never clash.
 */
export function mediaAssetRepositoryContract(
  make: () => Promise<{ repo: MediaV2StorageRepository; close(): Promise<void> }>,
): void {
  let repo: MediaV2StorageRepository;
  let close: () => Promise<void>;
  let n = 0;
  const scope = (project = 'p_web'): Scope =>
    Scope.of(`t_media_${Date.now().toString(36)}_${(n += 1)}`, 'test', project);
  const ids = (assets: { id: string }[]): string[] => assets.map((a) => a.id);

  beforeAll(async () => {
    ({ repo, close } = await make());
  });
  afterAll(() => close());

  it('stores content and metadata and reads both back', async () => {
    const s = scope();
    const asset = await storeAsset(repo, s, Buffer.from('frame-data'), { tags: ['intro'] });
    expect(await repo.get(s, asset.id)).toEqual(asset);
    const content = await repo.openContent(s, asset);
    expect((await readAll(content as Readable)).toString()).toBe('frame-data');
  });

  it('returns null for an unknown id and for an asset of another tenant, project or env', async () => {
    const s = scope();
    const asset = await storeAsset(repo, s, Buffer.from('x'));
    expect(await repo.get(s, newSortableId())).toBeNull();
    expect(await repo.get(scope(), asset.id)).toBeNull();
    expect(await repo.get(Scope.of(s.tenantId, 'test', 'p_other'), asset.id)).toBeNull();
    expect(await repo.get(Scope.of(s.tenantId, 'dev', 'p_web'), asset.id)).toBeNull();
    expect(await repo.openContent(Scope.of(s.tenantId, 'test', 'p_other'), asset)).toBeNull();
  });

  it('lists newest first and continues from next without gaps or repeats', async () => {
    const s = scope();
    const made = [];
    for (let i = 0; i < 5; i += 1) made.push(await storeAsset(repo, s, Buffer.from(`a${i}`)));
    const first = await repo.list(s, { limit: 2 });
    expect(ids(first.items)).toEqual(ids(made.slice(3).reverse()));
    const second = await repo.list(s, { limit: 2, before: first.next as string });
    const third = await repo.list(s, { limit: 2, before: second.next as string });
    expect([...ids(second.items), ...ids(third.items)]).toEqual(ids(made.slice(0, 3).reverse()));
    expect(third.next).toBeNull();
  });

  it('filters by kind, by tag, and by both', async () => {
    const s = scope();
    const video = await storeAsset(repo, s, Buffer.from('v'), {
      kind: 'video',
      tags: ['promo', 'summer'],
    });
    const image = await storeAsset(repo, s, Buffer.from('i'), { kind: 'image', tags: ['promo'] });
    await storeAsset(repo, s, Buffer.from('a'), { kind: 'audio' });
    expect(ids((await repo.list(s, { limit: 10, kind: 'image' })).items)).toEqual([image.id]);
    expect(ids((await repo.list(s, { limit: 10, tag: 'promo' })).items)).toEqual([
      image.id,
      video.id,
    ]);
    expect(ids((await repo.list(s, { limit: 10, tag: 'promo', kind: 'video' })).items)).toEqual([
      video.id,
    ]);
    expect((await repo.list(s, { limit: 10, tag: 'absent' })).items).toEqual([]);
  });

  it('never lists the assets of another scope', async () => {
    const s = scope();
    await storeAsset(repo, s, Buffer.from('x'), { tags: ['shared'] });
    expect((await repo.list(Scope.of(s.tenantId, 'test', 'p_other'), { limit: 10 })).items).toEqual(
      [],
    );
    expect((await repo.list(scope(), { limit: 10, tag: 'shared' })).items).toEqual([]);
  });

  it('deletes metadata, list entries and content; a second delete is harmless', async () => {
    const s = scope();
    const asset = await storeAsset(repo, s, Buffer.from('bye'), { tags: ['gone'] });
    await repo.delete(s, asset);
    expect(await repo.get(s, asset.id)).toBeNull();
    expect(await repo.openContent(s, asset)).toBeNull();
    expect((await repo.list(s, { limit: 10 })).items).toEqual([]);
    expect((await repo.list(s, { limit: 10, tag: 'gone' })).items).toEqual([]);
    await expect(repo.delete(s, asset)).resolves.toBeUndefined();
  });

  it('rejects putContent with the body error and keeps no content when the body fails', async () => {
    const s = scope();
    const target = newTarget();
    const boom = new Error('client went away');
    await expect(repo.putContent(s, target, failingBody(Buffer.alloc(1024, 1), boom))).rejects.toBe(
      boom,
    );
    expect(await repo.openContent(s, assetOf(target, Buffer.alloc(0)))).toBeNull();
  });

  it('discardContent removes stored content', async () => {
    const s = scope();
    const asset = await storeAsset(repo, s, Buffer.from('x'));
    await repo.discardContent(s, asset);
    expect(await repo.openContent(s, asset)).toBeNull();
  });

  it('sweepAbandoned removes content whose metadata never came once older than the cut-off, never a complete asset', async () => {
    const s = scope();
    const complete = await storeAsset(repo, s, Buffer.from('kept'));
    const target = newTarget();
    await repo.putContent(s, target, Readable.from([Buffer.from('half')]));
    const half = assetOf(target, Buffer.from('half'));
    expect(await repo.sweepAbandoned(s, new Date(Date.now() - 60_000))).toBe(0);
    expect(await repo.openContent(s, half)).not.toBeNull();
    expect(await repo.sweepAbandoned(s, new Date(Date.now() + 60_000))).toBe(1);
    expect(await repo.openContent(s, half)).toBeNull();
    expect(await repo.get(s, complete.id)).toEqual(complete);
    expect((await readAll((await repo.openContent(s, complete)) as Readable)).toString()).toBe(
      'kept',
    );
    expect(await repo.sweepAbandoned(s, new Date(Date.now() + 60_000))).toBe(0);
  });
}
