import { Readable } from 'node:stream';
import { Scope } from '../../common/scope/scope';
import { newSortableId } from '../../common/ids/sortable-id';
import { InMemoryMediaV2StorageRepository } from './adapters/in-memory-media-v2-storage.repository';
import type { MediaV2StorageRepository } from './media-v2-storage.repository';
import type { MediaAsset } from './media-v2-storage.types';
import { MediaV2StorageOptions } from './media-v2-storage.options';
import { MediaV2StorageSweepService } from './media-v2-storage-sweep.service';

describe('MediaV2StorageSweepService', () => {
  const scope = Scope.of('t_sweep', 'test', 'p_web');
  const target = () => ({ id: newSortableId(), filename: 'a.bin', content_type: 'video/mp4' });
  const asset = (t: ReturnType<typeof target>): MediaAsset => ({
    ...t,
    kind: 'video',
    tags: [],
    size_bytes: 1,
    sha256: '',
    created_by: 'u_a',
    created_at: new Date().toISOString(),
  });
  /** Content whose metadata never came: what a failed upload leaves. */
  const abandoned = async (repo: MediaV2StorageRepository) => {
    const t = target();
    await repo.putContent(scope, t, Readable.from([Buffer.from('x')]));
    return asset(t);
  };
  const settle = (sweeps: MediaV2StorageSweepService) => sweeps.beforeApplicationShutdown();

  it('sweeps abandoned content after an upload, at most once per interval and scope', async () => {
    const repo = new InMemoryMediaV2StorageRepository();
    const options = new MediaV2StorageOptions({
      abandonedUploadAfterMs: 0,
      sweepIntervalMs: 60_000,
    });
    const sweeps = new MediaV2StorageSweepService(repo, options);
    const first = await abandoned(repo);
    sweeps.afterUpload(scope);
    await settle(sweeps);
    expect(await repo.openContent(scope, first)).toBeNull();

    const second = await abandoned(repo);
    sweeps.afterUpload(scope);
    await settle(sweeps);
    expect(await repo.openContent(scope, second)).not.toBeNull();
    sweeps.afterUpload(Scope.of('t_other', 'test', 'p_web'));
    await settle(sweeps);
    expect(await repo.openContent(scope, second)).not.toBeNull();
  });

  it('leaves content younger than abandonedUploadAfterMs (an upload may be under way)', async () => {
    const repo = new InMemoryMediaV2StorageRepository();
    const sweeps = new MediaV2StorageSweepService(
      repo,
      new MediaV2StorageOptions({ sweepIntervalMs: 0 }),
    );
    const young = await abandoned(repo);
    sweeps.afterUpload(scope);
    await settle(sweeps);
    expect(await repo.openContent(scope, young)).not.toBeNull();
  });

  it('tries again at the next upload when a sweep failed', async () => {
    const repo = new InMemoryMediaV2StorageRepository();
    const failOnce = jest
      .spyOn(repo, 'sweepAbandoned')
      .mockRejectedValueOnce(new Error('S3 went away'));
    const options = new MediaV2StorageOptions({
      abandonedUploadAfterMs: 0,
      sweepIntervalMs: 60_000,
    });
    const sweeps = new MediaV2StorageSweepService(repo, options);
    const left = await abandoned(repo);
    sweeps.afterUpload(scope);
    await settle(sweeps);
    sweeps.afterUpload(scope);
    await settle(sweeps);
    expect(failOnce).toHaveBeenCalledTimes(2);
    expect(await repo.openContent(scope, left)).toBeNull();
  });
});
