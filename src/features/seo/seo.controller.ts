import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireRole } from '../../common/auth/access.decorators';
import { parseIfMatch } from '../../common/http/if-match';
import type { Page } from '../../common/http/pagination';
import { pageOf } from '../../common/http/openapi/page-of';
import { SeoConfigDto } from './dto/seo-config.response';
import { ListSeoConfigsQueryDto, PutSeoConfigDto, SeoKeyParamsDto } from './dto/seo.dto';
import { SeoService } from './seo.service';
import type { SeoConfig } from './seo.types';

@ApiTags('seo')
@Controller('seo/pages')
export class SeoController {
  constructor(private readonly service: SeoService) {}

  @Get()
  @ApiOkResponse({ type: pageOf(SeoConfigDto) })
  list(@Query() query: ListSeoConfigsQueryDto): Promise<Page<SeoConfig>> {
    return this.service.list(query);
  }

  @Get(':surface/:page_type')
  @ApiOkResponse({ type: SeoConfigDto })
  async get(
    @Param() key: SeoKeyParamsDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SeoConfig> {
    const config = await this.service.get({ surface: key.surface, page_type: key.page_type });
    res.setHeader('ETag', `"${config.version}"`);
    return config;
  }

  /** Creates (201) or replaces (200) the config. Admin; honours If-Match. */
  @Put(':surface/:page_type')
  @RequireRole('admin')
  @ApiHeader({ name: 'If-Match', required: false, description: 'Current version, e.g. "3"' })
  @ApiCreatedResponse({ type: SeoConfigDto, description: 'Created (version 1).' })
  @ApiOkResponse({ type: SeoConfigDto, description: 'Replaced.' })
  async put(
    @Param() key: SeoKeyParamsDto,
    @Body() body: PutSeoConfigDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SeoConfig> {
    const config = await this.service.put(
      { surface: key.surface, page_type: key.page_type },
      body,
      parseIfMatch(ifMatch),
    );
    res.status(config.version === 1 ? 201 : 200).setHeader('ETag', `"${config.version}"`);
    return config;
  }

  @Delete(':surface/:page_type')
  @RequireRole('admin')
  @HttpCode(204)
  async delete(@Param() key: SeoKeyParamsDto): Promise<void> {
    await this.service.delete({ surface: key.surface, page_type: key.page_type });
  }
}
