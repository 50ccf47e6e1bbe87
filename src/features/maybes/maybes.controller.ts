import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '../../common/http/pagination';
import { recordRoutes } from '../../common/http/record-routes';
import { AnswersPage, CreatesRecord } from '../../common/http/responses.decorator';
import { CreateMaybeDto } from './dto/create-maybe.dto';
import { ListMaybesQueryDto } from './dto/list-maybes-query.dto';
import { MaybeItemDto } from './dto/maybe-item.response';
import { UpdateMaybeDto } from './dto/update-maybe.dto';
import type { MaybeItem } from './maybes.types';
import { MaybesService } from './maybes.service';

/**
 * The notes scratchpad. Reads viewer, writes member; changes by the creator or an admin.
 * `GET`, `PATCH` and `DELETE` of `:id` (both writes honour If-Match) come from the base.
 */
@ApiTags('maybes')
@Controller('maybes/items')
export class MaybesController extends recordRoutes<MaybeItem, UpdateMaybeDto>(
  MaybeItemDto,
  UpdateMaybeDto,
) {
  constructor(override readonly records: MaybesService) {
    super();
  }

  @Post()
  @CreatesRecord(MaybeItemDto)
  create(@Body() body: CreateMaybeDto): Promise<MaybeItem> {
    return this.records.create(body);
  }

  /** Newest first. With `q`, follow `next_cursor` until null: a page may be short. */
  @Get()
  @AnswersPage(MaybeItemDto)
  list(@Query() query: ListMaybesQueryDto): Promise<Page<MaybeItem>> {
    const { q, tags_any, pinned, archived, limit, cursor } = query;
    return this.records.list({ q, tagsAny: tags_any, pinned, archived }, { limit, cursor });
  }
}
