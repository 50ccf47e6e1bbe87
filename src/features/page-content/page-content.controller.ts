import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pageOf } from '../../common/http/openapi/page-of';
import { PageDto, PageRecordDto } from './dto/page.responses';
import { RequireRole } from '../../common/auth/access.decorators';
import { IdParamDto } from '../../common/http/id-param';
import { parseIfMatch } from '../../common/http/if-match';
import type { Page as ListPage } from '../../common/http/pagination';
import { ListPagesQueryDto, PageSlugParamsDto } from './dto/page-queries.dto';
import { CreatePageDto, UpdatePageDto } from './dto/page.dto';
import type { Page, PageRecord } from './page-content.types';
import { PageContentService } from './page-content.service';

@ApiTags('pages')
@Controller('pages')
export class PageContentController {
  constructor(private readonly service: PageContentService) {}

  /** Creates an unpublished page (member); `409 page_content.slug_taken` when the slug is in use. */
  @Post()
  @ApiCreatedResponse({ type: PageDto })
  async create(
    @Body() body: CreatePageDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Page> {
    return withEtag(res, await this.service.create(body));
  }

  /** Newest first; items carry no body (read one page for it). */
  @Get()
  @ApiOkResponse({ type: pageOf(PageRecordDto) })
  list(@Query() query: ListPagesQueryDto): Promise<ListPage<PageRecord>> {
    return this.service.list(query);
  }

  @Get('by-slug/:surface/:slug')
  @ApiOkResponse({ type: PageDto })
  async getBySlug(
    @Param() { surface, slug }: PageSlugParamsDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Page> {
    return withEtag(res, await this.service.getBySlug(surface, slug));
  }

  @Get(':id')
  @ApiOkResponse({ type: PageDto })
  async get(@Param() { id }: IdParamDto, @Res({ passthrough: true }) res: Response): Promise<Page> {
    return withEtag(res, await this.service.get(id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: PageDto })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Current version, e.g. "3"' })
  async update(
    @Param() { id }: IdParamDto,
    @Body() body: UpdatePageDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Page> {
    return withEtag(res, await this.service.update(id, body, parseIfMatch(ifMatch)));
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param() { id }: IdParamDto): Promise<void> {
    await this.service.delete(id);
  }

  /** Admin; needs an approved strategy lock for `builder:publish_page` on the page's surface. */
  @Post(':id/publish')
  @ApiOkResponse({ type: PageDto })
  @HttpCode(200)
  @RequireRole('admin')
  async publish(
    @Param() { id }: IdParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Page> {
    return withEtag(res, await this.service.publish(id));
  }

  @Post(':id/unpublish')
  @ApiOkResponse({ type: PageDto })
  @HttpCode(200)
  @RequireRole('admin')
  async unpublish(
    @Param() { id }: IdParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Page> {
    return withEtag(res, await this.service.unpublish(id));
  }
}

function withEtag(res: Response, page: Page): Page {
  res.setHeader('ETag', `"${page.version}"`);
  return page;
}
