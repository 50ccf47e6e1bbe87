import { Injectable } from '@nestjs/common';
import { safeFilename } from '../../common/files/safe-filename';
import { newSortableId } from '../../common/ids/sortable-id';
import { SORTABLE_ID_CURSOR, type ListRequest, type Page } from '../../common/http/pagination';
import { RequestContext } from '../../common/request-context/request-context';
import type { CreateRawUploadDto } from './dto/create-raw-upload.dto';
import { RawStorageRepository } from './raw-storage.repository';
import type { PresignedRequest, RawAsset } from './raw-storage.types';
import {
  RawNotFoundError,
  RawObjectMissingError,
  RawSizeMismatchError,
  RawTooLargeError,
  RawUploadIncompleteError,
} from './raw-storage.errors';
import { RawStorageOptions } from './raw-storage.options';

/** What `POST /raw/uploads` answers. */
export interface RawUpload extends PresignedRequest {
  asset_id: string;
  key: string;
  expires_at: string;
}

/** What `GET /raw/assets/:asset_id/download` answers. */
export interface RawDownload extends PresignedRequest {
  expires_at: string;
}

/** Presigned uploads and downloads of raw assets in the request's scope. */
@Injectable()
export class RawStorageService {
  constructor(
    private readonly assets: RawStorageRepository,
    private readonly context: RequestContext,
    private readonly options: RawStorageOptions,
  ) {}

  /** Records a pending asset and presigns the PUT of its bytes. */
  async createUpload(input: CreateRawUploadDto): Promise<RawUpload> {
    if (input.size_bytes > this.options.maxUploadBytes)
      throw new RawTooLargeError(input.size_bytes, this.options.maxUploadBytes);
    const scope = this.context.scope;
    const asset = await this.assets.create(scope, {
      asset_id: newSortableId(),
      filename: safeFilename(input.filename),
      content_type: input.content_type,
      size_bytes: input.size_bytes,
      status: 'pending',
      etag: null,
      created_by: this.context.principal.subject,
      created_at: new Date().toISOString(),
      completed_at: null,
    });
    const ttl = this.options.uploadUrlTtlSeconds;
    // Taken before signing, so the URL never outlives what the client is told.
    const expires = expiresAt(ttl);
    const request = await this.assets.presign(scope, asset, 'PUT', ttl);
    return { asset_id: asset.asset_id, key: asset.key, ...request, expires_at: expires };
  }

  /**
   * Checks the uploaded object (HEAD) and records its size, ETag and content type. An object
   * of another size than declared is removed (a store that does not enforce signed headers
   * must not let the limit be bypassed). Completing a complete asset returns it unchanged.
   */
  async complete(assetId: string): Promise<RawAsset> {
    const scope = this.context.scope;
    const asset = await this.get(assetId);
    if (asset.status === 'complete') return asset;
    const stored = await this.assets.head(scope, asset);
    if (stored === null) throw new RawObjectMissingError(assetId);
    if (stored.size_bytes !== asset.size_bytes) {
      await this.assets.deleteObject(scope, asset);
      throw new RawSizeMismatchError(assetId, asset.size_bytes, stored.size_bytes);
    }
    const completed: RawAsset = {
      ...asset,
      status: 'complete',
      etag: stored.etag,
      content_type: stored.content_type ?? asset.content_type,
      completed_at: new Date().toISOString(),
    };
    await this.assets.update(scope, completed);
    return completed;
  }

  async list(query: ListRequest): Promise<Page<RawAsset>> {
    const { limit, position } = SORTABLE_ID_CURSOR.start(query);
    const page = await this.assets.list(this.context.scope, { limit, before: position });
    return { items: page.items, next_cursor: SORTABLE_ID_CURSOR.write(page.next) };
  }

  async get(assetId: string): Promise<RawAsset> {
    const asset = await this.assets.get(this.context.scope, assetId);
    if (asset === null) throw new RawNotFoundError(assetId);
    return asset;
  }

  /** A presigned GET of a completed asset. */
  async download(assetId: string): Promise<RawDownload> {
    const asset = await this.get(assetId);
    if (asset.status !== 'complete') throw new RawUploadIncompleteError(assetId);
    const ttl = this.options.downloadUrlTtlSeconds;
    const expires = expiresAt(ttl);
    return {
      ...(await this.assets.presign(this.context.scope, asset, 'GET', ttl)),
      expires_at: expires,
    };
  }
}

function expiresAt(ttlSeconds: number): string {
  return new Date(Date.now() + ttlSeconds * 1000).toISOString();
}
