import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { safeFilename } from '../../common/files/safe-filename';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import type { Scope } from '../../common/scope/scope';
import { MediaV2StorageRepository } from './media-v2-storage.repository';
import type { MediaAsset, MediaContentTarget } from './media-v2-storage.types';
import { MediaFileMissingError } from './media-v2-storage.errors';
import { MediaV2StorageOptions } from './media-v2-storage.options';
import { MediaV2StorageSweepService } from './media-v2-storage-sweep.service';
import { ContentMeter } from './upload/content-meter';
import { MultipartReader } from './upload/multipart-reader';
import { kindOf, mediaType, readUploadFields, type UploadFields } from './upload/upload-fields';

/** `kind` + up to 20 `tags` fields, with room for repeats refused by validation. */
const MAX_FIELDS = 32;
const MAX_FIELD_BYTES = 2048;

/**
 * `POST /media/assets`: streams the file part of a multipart body through a meter (size
 * limit, SHA-256) into the store, then records the metadata. Nothing is buffered whole; a
 * failed upload leaves nothing behind (content discarded, best effort; what an outage
 * leaves is swept after a later successful upload, see MediaV2StorageSweepService).
 */
@Injectable()
export class MediaV2StorageUploadService {
  private readonly logger = new Logger(MediaV2StorageUploadService.name);

  constructor(
    private readonly assets: MediaV2StorageRepository,
    private readonly context: RequestContext,
    private readonly options: MediaV2StorageOptions,
    private readonly sweeps: MediaV2StorageSweepService,
  ) {}

  async upload(request: IncomingMessage): Promise<MediaAsset> {
    const maxBytes = this.options.maxUploadBytes;
    const reader = new MultipartReader(request, {
      fileBytes: maxBytes + 1,
      fields: MAX_FIELDS,
      fieldBytes: MAX_FIELD_BYTES,
    });
    try {
      const asset = await this.receive(this.context.scope, reader, maxBytes);
      this.sweeps.afterUpload(this.context.scope);
      return asset;
    } catch (err) {
      reader.abandon();
      throw err;
    }
  }

  private async receive(
    scope: Scope,
    reader: MultipartReader,
    maxBytes: number,
  ): Promise<MediaAsset> {
    const file = await reader.file;
    if (file === null) throw new MediaFileMissingError();
    // Fields sent before the file are checked before any byte is stored.
    await readUploadFields(reader.fieldsSoFar());
    const target: MediaContentTarget = {
      id: newSortableId(),
      filename: safeFilename(file.filename),
      content_type: mediaType(file.mimeType),
    };
    const meter = new ContentMeter(maxBytes);
    pipeline(file.stream, meter, () => undefined);
    await this.assets.putContent(scope, target, meter).catch((err: unknown) => {
      throw reader.failure ?? err;
    });
    let fields: UploadFields;
    try {
      fields = await readUploadFields(await reader.fields);
    } catch (err) {
      await this.cleanUp(target, () => this.assets.discardContent(scope, target));
      throw err;
    }
    const asset: MediaAsset = {
      ...target,
      kind: fields.kind ?? kindOf(target.content_type),
      tags: fields.tags,
      size_bytes: meter.bytesSeen,
      sha256: meter.digest(),
      created_by: this.context.principal.subject,
      created_at: new Date().toISOString(),
    };
    try {
      await this.assets.save(scope, asset);
    } catch (err) {
      await this.cleanUp(target, () => this.assets.delete(scope, asset));
      throw err;
    }
    return asset;
  }

  /** The original failure is what the caller sees; a failed clean-up is only logged. */
  private async cleanUp(target: MediaContentTarget, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      this.logger.warn(
        { err, asset_id: target.id },
        'could not remove the content of a failed media upload',
      );
    }
  }
}
