import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '../../common/http/id-param';
import { MediaAssetDto } from './dto/media-asset.response';
import type { Request, Response } from 'express';
import { Consumes } from '../../common/http/consumes.decorator';
import { attachmentDisposition } from '../../common/files/safe-filename';
import type { Page } from '../../common/http/pagination';
import { AnswersPage } from '../../common/http/responses.decorator';
import { ListMediaAssetsQueryDto } from './dto/list-media-assets.dto';
import { MAX_MEDIA_TAGS, MEDIA_KINDS, type MediaAsset } from './media-v2-storage.types';
import { MediaV2StorageService } from './media-v2-storage.service';
import { MediaV2StorageUploadService } from './media-v2-storage-upload.service';

const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary' },
      kind: { type: 'string', enum: [...MEDIA_KINDS] },
      tags: { type: 'array', items: { type: 'string' }, maxItems: MAX_MEDIA_TAGS },
    },
  },
};

@ApiTags('media')
@Controller('media/assets')
export class MediaV2StorageController {
  constructor(
    private readonly media: MediaV2StorageService,
    private readonly uploads: MediaV2StorageUploadService,
  ) {}

  /** Uploads one file (multipart/form-data), streamed to the store. Member. */
  @Post()
  @ApiCreatedResponse({ type: MediaAssetDto })
  @Consumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  upload(@Req() req: Request): Promise<MediaAsset> {
    return this.uploads.upload(req);
  }

  /** Newest first; `?kind=` and `?tag=` filter. */
  @Get()
  @AnswersPage(MediaAssetDto)
  list(@Query() query: ListMediaAssetsQueryDto): Promise<Page<MediaAsset>> {
    return this.media.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: MediaAssetDto })
  get(@Param() params: IdParamDto): Promise<MediaAsset> {
    return this.media.get(params.id);
  }

  /**
   * The bytes, streamed through the app (same auth and scope check as every read, and the
   * same on every backend), always as an attachment with `nosniff` so an uploaded HTML or
   * SVG file is never rendered on the API's origin.
   */
  @Get(':id/content')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The stored bytes, with the content type given at upload, as an attachment.',
    content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
  })
  async content(
    @Param() params: IdParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { asset, content } = await this.media.openContent(params.id);
    res.on('close', () => content.destroy());
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('ETag', `"${asset.sha256}"`);
    return new StreamableFile(content, {
      type: asset.content_type,
      length: asset.size_bytes,
      disposition: attachmentDisposition(asset.filename),
    });
  }

  /** Creator or admin. */
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param() params: IdParamDto): Promise<void> {
    await this.media.delete(params.id);
  }
}
