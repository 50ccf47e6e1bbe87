import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../common/auth/access.decorators';
import { SetsETag } from '../../common/http/etag.interceptor';
import { IdParamDto } from '../../common/http/id-param';
import { IfMatch } from '../../common/http/if-match.decorator';
import { pageOf } from '../../common/http/openapi/page-of';
import type { Page as ListPage } from '../../common/http/pagination';
import { ListPagesQueryDto, PageSlugParamsDto } from './dto/page-queries.dto';
import { CreatePageDto, UpdatePageDto } from './dto/page.dto';
import { PageDto, PageRecordDto } from './dto/page.responses';
import type { Page, PageRecord } from './page-content.types';
import { PageContentService } from './page-content.service';

@ApiTags('pages')
@Controller('pages')
export class PageContentController {
  constructor(private readonly service: PageContentService) {}

  /** Creates an unpublished page (member); `409 page_content.slug_taken` when the slug is in use. */
  @Post()
  @ApiCreatedResponse({ type: PageDto })
  @SetsETag()
  create(@Body() body: CreatePageDto): Promise<Page> {
    return this.service.create(body);
  }

  /** Newest first; items carry no body (read one page for it). */
  @Get()
  @ApiOkResponse({ type: pageOf(PageRecordDto) })
  list(@Query() query: ListPagesQueryDto): Promise<ListPage<PageRecord>> {
    return this.service.list(query);
  }

  @Get('by-slug/:surface/:slug')
  @ApiOkResponse({ type: PageDto })
  @SetsETag()
  getBySlug(@Param() { surface, slug }: PageSlugParamsDto): Promise<Page> {
    return this.service.getBySlug(surface, slug);
  }

  @Get(':id')
  @ApiOkResponse({ type: PageDto })
  @SetsETag()
  get(@Param() { id }: IdParamDto): Promise<Page> {
    return this.service.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: PageDto })
  @SetsETag()
  update(
    @Param() { id }: IdParamDto,
    @Body() body: UpdatePageDto,
    @IfMatch() version: number | undefined,
  ): Promise<Page> {
    return this.service.update(id, body, version);
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
  @SetsETag()
  publish(@Param() { id }: IdParamDto): Promise<Page> {
    return this.service.publish(id);
  }

  @Post(':id/unpublish')
  @ApiOkResponse({ type: PageDto })
  @HttpCode(200)
  @RequireRole('admin')
  @SetsETag()
  unpublish(@Param() { id }: IdParamDto): Promise<Page> {
    return this.service.unpublish(id);
  }
}
