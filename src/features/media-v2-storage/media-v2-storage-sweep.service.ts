import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Scope } from '../../common/scope/scope';
import { MediaV2StorageRepository } from './media-v2-storage.repository';
import { MediaV2StorageOptions } from './media-v2-storage.options';

/** Scopes remembered for the interval; past it the memory starts over (a sweep too many). */
const MAX_REMEMBERED_SCOPES = 10_000;

/**
 * Sweeps what failed uploads left in a scope (see {@link MediaV2StorageRepository.sweepAbandoned})
 * after a successful upload there, at most once per `sweepIntervalMs` per scope and
 * instance, in the background: S3 answered a moment ago, and the upload's caller never
 * waits for it. A scope where no upload succeeds again keeps its leftovers until one does.
 */
@Injectable()
export class MediaV2StorageSweepService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(MediaV2StorageSweepService.name);
  private readonly lastSweep = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly assets: MediaV2StorageRepository,
    private readonly options: MediaV2StorageOptions,
  ) {}

  /** Starts a sweep of `scope` unless one ran there within the interval. */
  afterUpload(scope: Scope): void {
    const key = scope.toString();
    const now = Date.now();
    const last = this.lastSweep.get(key);
    if (last !== undefined && now - last < this.options.sweepIntervalMs) return;
    if (this.lastSweep.size >= MAX_REMEMBERED_SCOPES) this.lastSweep.clear();
    this.lastSweep.set(key, now);
    const run = this.sweep(scope).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Lets running sweeps finish (each request is bounded) before the backend clients close. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.running]);
  }

  private async sweep(scope: Scope): Promise<void> {
    try {
      const olderThan = new Date(Date.now() - this.options.abandonedUploadAfterMs);
      const removed = await this.assets.sweepAbandoned(scope, olderThan);
      if (removed > 0)
        this.logger.log({ scope: scope.toString(), removed }, 'swept abandoned media uploads');
    } catch (err) {
      this.logger.warn(
        { err, scope: scope.toString() },
        'sweeping abandoned media uploads failed; the next successful upload in this scope tries again',
      );
      this.lastSweep.delete(scope.toString());
    }
  }
}
