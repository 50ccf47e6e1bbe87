import type { S3Handle } from '../../../backends/s3/s3.driver';
import { invertSortableId } from '../../../common/ids/sortable-id';
import type { Scope } from '../../../common/scope/scope';
import {
  MEDIA_KINDS,
  type MediaAsset,
  type MediaContentTarget,
  type MediaKind,
} from '../media-v2-storage.types';

/** A list pointer read back from its key. */
export interface Pointer {
  id: string;
  kind: MediaKind;
}

/**
 * Key layout of media_v2_storage under a scope, `{prefix/}tenants/{tenant}/{env}/{project}/media/`:
 * - `{id}/{safe_filename}`: the bytes;
 * - `{id}.json`: the metadata, beside the bytes (a filename can never collide with it);
 * - `_index/all/{newest-first id}.{kind}` and `_index/tag/{tag}/{newest-first id}.{kind}`:
 *   empty list pointers, so a list is one ListObjectsV2 over a prefix, already newest
 *   first, with the kind readable from the key. `_index` cannot be an id.
 * - `_pending/{id}`: an upload under way, written before its first byte and removed once
 *   its metadata is stored; a sweep removes what an old one names (see S3MediaSweeper).
 * Ids, tags and safe filenames never contain `/`, so no part needs escaping.
 */
export class S3MediaKeys {
  constructor(private readonly s3: S3Handle) {}

  content(scope: Scope, target: MediaContentTarget): string {
    return this.s3.key(scope, 'media', target.id, target.filename);
  }

  /** Every object of an asset's bytes (one, unless a filename changed). */
  contentPrefix(scope: Scope, id: string): string {
    return `${this.s3.key(scope, 'media', id)}/`;
  }

  pendingPrefix(scope: Scope): string {
    return `${this.s3.key(scope, 'media', '_pending')}/`;
  }

  pending(scope: Scope, id: string): string {
    return `${this.pendingPrefix(scope)}${id}`;
  }

  record(scope: Scope, id: string): string {
    return this.s3.key(scope, 'media', `${id}.json`);
  }

  /** Where the pointers of a list live: every asset, or those with `tag`. */
  listPrefix(scope: Scope, tag?: string): string {
    return `${tag === undefined ? this.s3.key(scope, 'media', '_index', 'all') : this.s3.key(scope, 'media', '_index', 'tag', tag)}/`;
  }

  /** Every pointer of an asset. */
  pointers(scope: Scope, asset: MediaAsset): string[] {
    const name = `${invertSortableId(asset.id)}.${asset.kind}`;
    return [undefined, ...asset.tags].map((tag) => `${this.listPrefix(scope, tag)}${name}`);
  }

  /** Lists continue strictly after this key: past every pointer of `id`, before older ones. */
  startAfter(prefix: string, id: string): string {
    return `${prefix}${invertSortableId(id)}/`;
  }

  /** The id and kind a pointer key names, or null for a key that is not a pointer. */
  parsePointer(key: string): Pointer | null {
    const name = key.slice(key.lastIndexOf('/') + 1);
    const dot = name.indexOf('.');
    const kind = name.slice(dot + 1) as MediaKind;
    if (dot !== 26 || !MEDIA_KINDS.includes(kind)) return null;
    return { id: invertSortableId(name.slice(0, dot)), kind };
  }
}
