import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireRole } from '../../common/auth/access.decorators';
import { SetsETag } from '../../common/http/etag.interceptor';
import { IfMatch } from '../../common/http/if-match.decorator';
import type { Page } from '../../common/http/pagination';
import { AnswersPage, AnswersRecord } from '../../common/http/responses.decorator';
import { SeoConfigDto } from './dto/seo-config.response';
import { ListSeoConfigsQueryDto, PutSeoConfigDto, SeoKeyParamsDto } from './dto/seo.dto';
import { SeoService } from './seo.service';
import type { SeoConfig } from './seo.types';

@ApiTags('seo')
@Controller('seo/pages')
export class SeoController {
  constructor(private readonly service: SeoService) {}

  @Get()
  @AnswersPage(SeoConfigDto)
  list(@Query() query: ListSeoConfigsQueryDto): Promise<Page<SeoConfig>> {
    return this.service.list(query);
  }

  @Get(':surface/:page_type')
  @AnswersRecord(SeoConfigDto)
  get(@Param() key: SeoKeyParamsDto): Promise<SeoConfig> {
    return this.service.get({ surface: key.surface, page_type: key.page_type });
  }

  /** Creates (201) or replaces (200) the config. Admin; honours If-Match. */
  @Put(':surface/:page_type')
  @RequireRole('admin')
  @ApiCreatedResponse({ type: SeoConfigDto, description: 'Created (version 1).' })
  @ApiOkResponse({ type: SeoConfigDto, description: 'Replaced.' })
  @SetsETag()
  async put(
    @Param() key: SeoKeyParamsDto,
    @Body() body: PutSeoConfigDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SeoConfig> {
    const seoKey = { surface: key.surface, page_type: key.page_type };
    const config = await this.service.put(seoKey, body, version);
    res.status(config.version === 1 ? 201 : 200);
    return config;
  }

  @Delete(':surface/:page_type')
  @RequireRole('admin')
  @HttpCode(204)
  async delete(@Param() key: SeoKeyParamsDto): Promise<void> {
    await this.service.delete({ surface: key.surface, page_type: key.page_type });
  }
}
