import type { Readable } from 'node:stream';
import type { Scope } from '../../common/scope/scope';
import type {
  MediaAsset,
  MediaAssetPage,
  MediaContentTarget,
  MediaListQuery,
} from './media-v2-storage.types';

/**
 * Port: media assets (bytes plus metadata) stored per scope. An asset of another scope is
 * invisible: reads return null and lists never include it.
 */
export abstract class MediaV2StorageRepository {
  /**
   * Streams `body` into the store as the content of `target` (not buffered whole). Resolves
   * once the bytes are stored. When `body` fails (for example the size limit was crossed)
   * it rejects with the body's error and leaves no content behind. Exempt from the routed
   * per-call timeout (it lasts as long as the client sends); the adapter bounds each of its
   * own backend requests instead.
   */
  abstract putContent(scope: Scope, target: MediaContentTarget, body: Readable): Promise<void>;

  /** Removes content stored by {@link putContent} that never got metadata. Idempotent. */
  abstract discardContent(scope: Scope, target: MediaContentTarget): Promise<void>;

  /**
   * Removes what uploads started before `olderThan` left in `scope` without completing
   * ({@link putContent} then {@link save}): bytes without metadata, metadata without bytes,
   * parts of unfinished uploads. Complete assets are never touched; an upload started
   * after `olderThan` may be under way and is left alone. Does a bounded amount of work
   * per call (call again for more) and resolves how many assets it removed. Exempt from
   * the routed per-call timeout; the adapter bounds each of its requests.
   */
  abstract sweepAbandoned(scope: Scope, olderThan: Date): Promise<number>;

  /** Records the metadata of an asset whose content is stored; it is then listed and readable. */
  abstract save(scope: Scope, asset: MediaAsset): Promise<void>;

  /** The asset with this id in `scope`, or null (also when it exists in another scope). */
  abstract get(scope: Scope, id: string): Promise<MediaAsset | null>;

  /** Newest first, filtered by kind and/or tag; see {@link MediaAssetPage}. */
  abstract list(scope: Scope, query: MediaListQuery): Promise<MediaAssetPage>;

  /**
   * The asset's bytes as a stream, or null when the content is gone. The stream fails
   * (a timeout BackendError) when the store sends nothing for the backend timeout while
   * data is wanted; a reader that stops reading never trips that.
   */
  abstract openContent(scope: Scope, asset: MediaAsset): Promise<Readable | null>;

  /** Removes the metadata first (the asset disappears at once), then the content. Idempotent. */
  abstract delete(scope: Scope, asset: MediaAsset): Promise<void>;
}
