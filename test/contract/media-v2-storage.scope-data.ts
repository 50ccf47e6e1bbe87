import { Readable } from 'node:stream';
import type { Scope } from '../../src/common/scope/scope';
import type { MediaV2StorageRepository } from '../../src/features/media-v2-storage/media-v2-storage.repository';
import type { MediaAsset } from '../../src/features/media-v2-storage/media-v2-storage.types';
import { newTarget, readAll, storeAsset } from './media-v2-storage.repository.contract';
import type { ScopeDataContractOptions } from './scope-data.contract';

/** Every byte value, so a copy that is not byte for byte shows. */
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** What the port shows of one asset: its metadata and its bytes (base64), or null. */
async function shown(repo: MediaV2StorageRepository, scope: Scope, asset: MediaAsset) {
  const content = await repo.openContent(scope, asset);
  return {
    asset: await repo.get(scope, asset.id),
    bytes: content === null ? null : (await readAll(content)).toString('base64'),
  };
}

/**
 * media_v2_storage for the scope-data round trip: assets of several kinds and tags (binary
 * bytes among them), one deleted, and an upload whose metadata never came (which does not
 * move, and which the port never shows).
 */
export const mediaV2StorageScopeData: ScopeDataContractOptions<MediaV2StorageRepository> = {
  async seed(repo, scope) {
    await storeAsset(repo, scope, ALL_BYTES, { kind: 'video', tags: ['a', 'b'] });
    await storeAsset(repo, scope, Buffer.from('hello'), {
      kind: 'image',
      tags: ['a'],
      filename: 'pic.png',
    });
    await storeAsset(repo, scope, Buffer.from('la'), { kind: 'audio', filename: 'song.mp3' });
    const gone = await storeAsset(repo, scope, Buffer.from('gone'), { kind: 'other' });
    await repo.delete(scope, gone);
    await repo.putContent(scope, newTarget('half.mp4'), Readable.from([Buffer.from('half')]));
  },
  async read(repo, scope) {
    const all = await repo.list(scope, { limit: 100 });
    return {
      all,
      tagged: await repo.list(scope, { limit: 100, tag: 'a' }),
      images: await repo.list(scope, { limit: 100, kind: 'image' }),
      firstPage: await repo.list(scope, { limit: 1 }),
      shown: await Promise.all(all.items.map((asset) => shown(repo, scope, asset))),
    };
  },
};
