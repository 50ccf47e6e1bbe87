import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { assertCreatorOrAdmin } from '../../common/auth/ownership';
import { SORTABLE_ID_CURSOR, type Page } from '../../common/http/pagination';
import { RequestContext } from '../../common/request-context/request-context';
import type { ListMediaAssetsQueryDto } from './dto/list-media-assets.dto';
import { MediaV2StorageRepository } from './media-v2-storage.repository';
import type { MediaAsset } from './media-v2-storage.types';
import { MediaNotFoundError } from './media-v2-storage.errors';

/** Reads and deletes media assets of the request's scope. Uploads: MediaV2StorageUploadService. */
@Injectable()
export class MediaV2StorageService {
  constructor(
    private readonly assets: MediaV2StorageRepository,
    private readonly context: RequestContext,
  ) {}

  async list(query: ListMediaAssetsQueryDto): Promise<Page<MediaAsset>> {
    const { limit, position } = SORTABLE_ID_CURSOR.start(query);
    const page = await this.assets.list(this.context.scope, {
      kind: query.kind,
      tag: query.tag,
      limit,
      before: position,
    });
    return { items: page.items, next_cursor: SORTABLE_ID_CURSOR.write(page.next) };
  }

  async get(id: string): Promise<MediaAsset> {
    const asset = await this.assets.get(this.context.scope, id);
    if (asset === null) throw new MediaNotFoundError(id);
    return asset;
  }

  /** The asset and its bytes; `media_v2_storage.not_found` when either is gone. */
  async openContent(id: string): Promise<{ asset: MediaAsset; content: Readable }> {
    const asset = await this.get(id);
    const content = await this.assets.openContent(this.context.scope, asset);
    if (content === null) throw new MediaNotFoundError(id);
    return { asset, content };
  }

  /** Creator or admin only. */
  async delete(id: string): Promise<void> {
    const asset = await this.get(id);
    assertCreatorOrAdmin(this.context, asset.created_by);
    await this.assets.delete(this.context.scope, asset);
  }
}
