import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SetsETag } from '../../common/http/etag.interceptor';
import { IdParamDto } from '../../common/http/id-param';
import { IfMatch } from '../../common/http/if-match.decorator';
import { pageOf } from '../../common/http/openapi/page-of';
import type { Page } from '../../common/http/pagination';
import { CreateMaybeDto } from './dto/create-maybe.dto';
import { ListMaybesQueryDto } from './dto/list-maybes-query.dto';
import { MaybeItemDto } from './dto/maybe-item.response';
import { UpdateMaybeDto } from './dto/update-maybe.dto';
import type { MaybeItem } from './maybes.types';
import { MaybesService } from './maybes.service';

/** The notes scratchpad. Reads viewer, writes member; changes by the creator or an admin. */
@ApiTags('maybes')
@Controller('maybes/items')
export class MaybesController {
  constructor(private readonly service: MaybesService) {}

  @Post()
  @ApiCreatedResponse({ type: MaybeItemDto })
  @SetsETag()
  create(@Body() body: CreateMaybeDto): Promise<MaybeItem> {
    return this.service.create(body);
  }

  /** Newest first. With `q`, follow `next_cursor` until null: a page may be short. */
  @Get()
  @ApiOkResponse({ type: pageOf(MaybeItemDto) })
  list(@Query() query: ListMaybesQueryDto): Promise<Page<MaybeItem>> {
    const { q, tags_any, pinned, archived, limit, cursor } = query;
    return this.service.list({ q, tagsAny: tags_any, pinned, archived }, { limit, cursor });
  }

  @Get(':id')
  @ApiOkResponse({ type: MaybeItemDto })
  @SetsETag()
  get(@Param() params: IdParamDto): Promise<MaybeItem> {
    return this.service.get(params.id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: MaybeItemDto })
  @SetsETag()
  update(
    @Param() params: IdParamDto,
    @Body() body: UpdateMaybeDto,
    @IfMatch() version: number | undefined,
  ): Promise<MaybeItem> {
    const { title, body: text, tags, pinned, archived } = body;
    return this.service.update(params.id, { title, body: text, tags, pinned, archived }, version);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param() params: IdParamDto, @IfMatch() version: number | undefined): Promise<void> {
    await this.service.remove(params.id, version);
  }
}
