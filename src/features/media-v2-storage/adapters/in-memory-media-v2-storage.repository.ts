import { Readable } from 'node:stream';
import { descendingPageWithNext, ScopedRecords } from '../../../backends/memory/scoped-records';
import { yieldAll, type ScopeData, type ScopeRecord } from '../../../common/scope-data/scope-data';
import type { Env, Scope } from '../../../common/scope/scope';
import { MediaV2StorageRepository } from '../media-v2-storage.repository';
import type {
  MediaAsset,
  MediaAssetPage,
  MediaContentTarget,
  MediaListQuery,
} from '../media-v2-storage.types';
import { mediaAssetOf, mediaAssetRecord, mediaOldestFirst } from './media-v2-storage-scope-records';

interface StoredContent {
  bytes: Buffer;
  /** When {@link InMemoryMediaV2StorageRepository.putContent} stored the bytes. */
  storedAt: Date;
}

/**
 * Dev/test adapter: assets and their bytes in maps keyed by scope (the bytes are held in
 * memory once received, which is what this adapter is for). Forgets everything at restart.
 */
export class InMemoryMediaV2StorageRepository
  extends MediaV2StorageRepository
  implements ScopeData
{
  private readonly assets = new ScopedRecords<MediaAsset>();
  /** Stored bytes are never mutated, so a shallow copy keeps them apart from callers. */
  private readonly contents = new ScopedRecords<StoredContent>({ copy: (c) => ({ ...c }) });

  async putContent(scope: Scope, target: MediaContentTarget, body: Readable): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    this.contents.set(scope, target.id, { bytes: Buffer.concat(chunks), storedAt: new Date() });
  }

  /** In one process nothing is half-written; content whose metadata never came is what remains. */
  sweepAbandoned(scope: Scope, olderThan: Date): Promise<number> {
    const abandoned = this.contents
      .entries(scope)
      .filter(([id, content]) => !this.assets.has(scope, id) && content.storedAt <= olderThan);
    abandoned.forEach(([id]) => this.contents.delete(scope, id));
    return Promise.resolve(abandoned.length);
  }

  discardContent(scope: Scope, target: MediaContentTarget): Promise<void> {
    this.contents.delete(scope, target.id);
    return Promise.resolve();
  }

  save(scope: Scope, asset: MediaAsset): Promise<void> {
    this.assets.set(scope, asset.id, asset);
    return Promise.resolve();
  }

  get(scope: Scope, id: string): Promise<MediaAsset | null> {
    return Promise.resolve(this.assets.get(scope, id));
  }

  list(scope: Scope, query: MediaListQuery): Promise<MediaAssetPage> {
    const matching = this.assets
      .values(scope)
      .filter((a) => query.kind === undefined || a.kind === query.kind)
      .filter((a) => query.tag === undefined || a.tags.includes(query.tag));
    return Promise.resolve(descendingPageWithNext(matching, (a) => a.id, query));
  }

  openContent(scope: Scope, asset: MediaAsset): Promise<Readable | null> {
    const content = this.contents.get(scope, asset.id);
    return Promise.resolve(content === null ? null : Readable.from([content.bytes]));
  }

  delete(scope: Scope, asset: MediaAsset): Promise<void> {
    this.assets.delete(scope, asset.id);
    this.contents.delete(scope, asset.id);
    return Promise.resolve();
  }

  /** Assets with metadata, with their bytes (copied); content that never got metadata stays. */
  exportScope(scope: Scope): AsyncIterable<ScopeRecord> {
    return yieldAll(
      mediaOldestFirst(this.assets.values(scope)).map((asset) => {
        const content = this.contents.get(scope, asset.id);
        return mediaAssetRecord(
          asset,
          content === null ? undefined : new Uint8Array(content.bytes),
        );
      }),
    );
  }

  importRecords(scope: Scope, records: readonly ScopeRecord[]): Promise<void> {
    return Promise.resolve().then(() => {
      for (const record of records) {
        const asset = mediaAssetOf(scope, record);
        if (record.body === undefined) this.contents.delete(scope, asset.id);
        else
          this.contents.set(scope, asset.id, {
            bytes: Buffer.from(record.body),
            storedAt: new Date(),
          });
        this.assets.set(scope, asset.id, asset);
      }
    });
  }

  /** Scopes with assets or with content of uploads that never completed (deleteScope removes both). */
  scopesHeld(tenantId: string, env: Env): Promise<Scope[]> {
    const held = [
      ...this.assets.scopesHeld(tenantId, env),
      ...this.contents.scopesHeld(tenantId, env),
    ];
    return Promise.resolve([...new Map(held.map((s) => [String(s), s])).values()]);
  }

  deleteScope(scope: Scope): Promise<void> {
    this.assets.clear(scope);
    this.contents.clear(scope);
    return Promise.resolve();
  }
}
