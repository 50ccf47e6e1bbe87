import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '../../common/http/id-param';
import type { Page as ListPage } from '../../common/http/pagination';
import { editableRecordRoutes } from '../../common/http/record-routes';
import {
  AdminWrite,
  AnswersPage,
  AnswersRecord,
  CreatesRecord,
} from '../../common/http/responses.decorator';
import { ListPagesQueryDto, PageSlugParamsDto } from './dto/page-queries.dto';
import { CreatePageDto, UpdatePageDto } from './dto/page.dto';
import { PageDto, PageRecordDto } from './dto/page.responses';
import type { Page, PageRecord } from './page-content.types';
import { PageContentService } from './page-content.service';

/**
 * Pages of a surface. `GET :id` and `PATCH :id` (If-Match) come from the base; a delete
 * takes no If-Match.
 */
@ApiTags('pages')
@Controller('pages')
export class PageContentController extends editableRecordRoutes<Page, UpdatePageDto>(
  PageDto,
  UpdatePageDto,
) {
  constructor(override readonly records: PageContentService) {
    super();
  }

  /** Creates an unpublished page (member); `409 page_content.slug_taken` when the slug is in use. */
  @Post()
  @CreatesRecord(PageDto)
  create(@Body() body: CreatePageDto): Promise<Page> {
    return this.records.create(body);
  }

  /** Newest first; items carry no body (read one page for it). */
  @Get()
  @AnswersPage(PageRecordDto)
  list(@Query() query: ListPagesQueryDto): Promise<ListPage<PageRecord>> {
    return this.records.list(query);
  }

  @Get('by-slug/:surface/:slug')
  @AnswersRecord(PageDto)
  getBySlug(@Param() { surface, slug }: PageSlugParamsDto): Promise<Page> {
    return this.records.getBySlug(surface, slug);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param() { id }: IdParamDto): Promise<void> {
    await this.records.delete(id);
  }

  /** Admin; needs an approved strategy lock for `builder:publish_page` on the page's surface. */
  @Post(':id/publish')
  @HttpCode(200)
  @AdminWrite(PageDto)
  publish(@Param() { id }: IdParamDto): Promise<Page> {
    return this.records.publish(id);
  }

  @Post(':id/unpublish')
  @HttpCode(200)
  @AdminWrite(PageDto)
  unpublish(@Param() { id }: IdParamDto): Promise<Page> {
    return this.records.unpublish(id);
  }
}
