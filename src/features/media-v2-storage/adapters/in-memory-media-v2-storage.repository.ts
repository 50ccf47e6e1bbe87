import { Readable } from 'node:stream';
import type { Scope } from '../../../common/scope/scope';
import { MediaV2StorageRepository } from '../media-v2-storage.repository';
import type {
  MediaAsset,
  MediaAssetPage,
  MediaContentTarget,
  MediaListQuery,
} from '../media-v2-storage.types';

interface Entry {
  asset?: MediaAsset;
  content?: Buffer;
  /** When {@link InMemoryMediaV2StorageRepository.putContent} stored the content. */
  storedAt?: Date;
}

/**
 * Dev/test adapter: assets and their bytes in maps keyed by scope (the bytes are held in
 * memory once received, which is what this adapter is for). Forgets everything at restart.
 */
export class InMemoryMediaV2StorageRepository extends MediaV2StorageRepository {
  private readonly scopes = new Map<string, Map<string, Entry>>();

  async putContent(scope: Scope, target: MediaContentTarget, body: Readable): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    this.entries(scope).set(target.id, {
      ...this.entries(scope).get(target.id),
      content: Buffer.concat(chunks),
      storedAt: new Date(),
    });
  }

  /** In one process nothing is half-written; content whose metadata never came is what remains. */
  sweepAbandoned(scope: Scope, olderThan: Date): Promise<number> {
    let removed = 0;
    for (const [id, entry] of this.entries(scope)) {
      if (entry.asset !== undefined || (entry.storedAt ?? olderThan) > olderThan) continue;
      this.entries(scope).delete(id);
      removed += 1;
    }
    return Promise.resolve(removed);
  }

  discardContent(scope: Scope, target: MediaContentTarget): Promise<void> {
    const asset = this.entries(scope).get(target.id)?.asset;
    if (asset === undefined) this.entries(scope).delete(target.id);
    else this.entries(scope).set(target.id, { asset });
    return Promise.resolve();
  }

  save(scope: Scope, asset: MediaAsset): Promise<void> {
    const entry = this.entries(scope).get(asset.id) ?? {};
    this.entries(scope).set(asset.id, { ...entry, asset: structuredClone(asset) });
    return Promise.resolve();
  }

  get(scope: Scope, id: string): Promise<MediaAsset | null> {
    return Promise.resolve(structuredClone(this.entries(scope).get(id)?.asset ?? null));
  }

  list(scope: Scope, query: MediaListQuery): Promise<MediaAssetPage> {
    const matching = [...this.entries(scope).values()]
      .flatMap((e) => (e.asset === undefined ? [] : [e.asset]))
      .filter(
        (a) =>
          (query.before === undefined || a.id < query.before) &&
          (query.kind === undefined || a.kind === query.kind),
      )
      .filter((a) => query.tag === undefined || a.tags.includes(query.tag))
      .sort((a, b) => (a.id < b.id ? 1 : -1));
    const items = matching.slice(0, query.limit);
    const next = matching.length > query.limit ? (items.at(-1)?.id ?? null) : null;
    return Promise.resolve({ items: structuredClone(items), next });
  }

  openContent(scope: Scope, asset: MediaAsset): Promise<Readable | null> {
    const content = this.entries(scope).get(asset.id)?.content;
    return Promise.resolve(content === undefined ? null : Readable.from([content]));
  }

  delete(scope: Scope, asset: MediaAsset): Promise<void> {
    this.entries(scope).delete(asset.id);
    return Promise.resolve();
  }

  private entries(scope: Scope): Map<string, Entry> {
    let entries = this.scopes.get(scope.toString());
    if (entries === undefined) {
      entries = new Map();
      this.scopes.set(scope.toString(), entries);
    }
    return entries;
  }
}
