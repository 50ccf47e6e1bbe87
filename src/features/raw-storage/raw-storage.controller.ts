import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ListQueryDto, type Page } from '../../common/http/pagination';
import { AnswersAction, AnswersPage } from '../../common/http/responses.decorator';
import { CreateRawUploadDto } from './dto/create-raw-upload.dto';
import { RawAssetParamsDto } from './dto/raw-asset-params.dto';
import { RawAssetDto, RawDownloadDto, RawUploadDto } from './dto/raw-storage.responses';
import type { RawAsset } from './raw-storage.types';
import { RawStorageService, type RawDownload, type RawUpload } from './raw-storage.service';

@ApiTags('raw')
@Controller('raw')
export class RawStorageController {
  constructor(private readonly raw: RawStorageService) {}

  /** A pending asset and a presigned PUT (at most 15 minutes) for its bytes. Member. */
  @Post('uploads')
  @ApiCreatedResponse({ type: RawUploadDto })
  createUpload(@Body() body: CreateRawUploadDto): Promise<RawUpload> {
    return this.raw.createUpload(body);
  }

  /** Checks the uploaded object and records size, ETag and content type. Member. */
  @Post('uploads/:asset_id/complete')
  @AnswersAction(RawAssetDto)
  complete(@Param() params: RawAssetParamsDto): Promise<RawAsset> {
    return this.raw.complete(params.asset_id);
  }

  /** Newest first. */
  @Get('assets')
  @AnswersPage(RawAssetDto)
  list(@Query() query: ListQueryDto): Promise<Page<RawAsset>> {
    return this.raw.list(query);
  }

  @Get('assets/:asset_id')
  @ApiOkResponse({ type: RawAssetDto })
  get(@Param() params: RawAssetParamsDto): Promise<RawAsset> {
    return this.raw.get(params.asset_id);
  }

  /** A presigned GET (short-lived) of a completed asset. */
  @Get('assets/:asset_id/download')
  @ApiOkResponse({ type: RawDownloadDto })
  download(@Param() params: RawAssetParamsDto): Promise<RawDownload> {
    return this.raw.download(params.asset_id);
  }
}
