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
import { MaybeItemDto } from './dto/maybe-item.response';
import { parseIfMatch } from '../../common/http/if-match';
import type { Page } from '../../common/http/pagination';
import { CreateMaybeDto } from './dto/create-maybe.dto';
import { ListMaybesQueryDto } from './dto/list-maybes-query.dto';
import { MaybeIdParamDto } from './dto/maybe-id-param.dto';
import { UpdateMaybeDto } from './dto/update-maybe.dto';
import type { MaybeItem } from './maybes.types';
import { MaybesService } from './maybes.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'Current version, e.g. "3"' };

/** The notes scratchpad. Reads viewer, writes member; changes by the creator or an admin. */
@ApiTags('maybes')
@Controller('maybes/items')
export class MaybesController {
  constructor(private readonly service: MaybesService) {}

  @Post()
  @ApiCreatedResponse({ type: MaybeItemDto })
  async create(
    @Body() body: CreateMaybeDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MaybeItem> {
    return withETag(res, await this.service.create(body));
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
  async get(
    @Param() params: MaybeIdParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MaybeItem> {
    return withETag(res, await this.service.get(params.id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: MaybeItemDto })
  @ApiHeader(IF_MATCH)
  async update(
    @Param() params: MaybeIdParamDto,
    @Body() body: UpdateMaybeDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MaybeItem> {
    const { title, body: text, tags, pinned, archived } = body;
    return withETag(
      res,
      await this.service.update(
        params.id,
        { title, body: text, tags, pinned, archived },
        parseIfMatch(ifMatch),
      ),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiHeader(IF_MATCH)
  async remove(
    @Param() params: MaybeIdParamDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.service.remove(params.id, parseIfMatch(ifMatch));
  }
}

function withETag(res: Response, item: MaybeItem): MaybeItem {
  res.setHeader('ETag', `"${item.version}"`);
  return item;
}
