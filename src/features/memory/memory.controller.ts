import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseIfMatch } from '../../common/http/if-match';
import type { Page } from '../../common/http/pagination';
import { AppendMessageDto } from './dto/append-message.dto';
import { ListMessagesQueryDto } from './dto/list-messages-query.dto';
import { BlackboardKeyParamDto, SessionParamDto } from './dto/memory-params.dto';
import { pageOf } from '../../common/http/openapi/page-of';
import { BlackboardDto, MemoryMessageDto } from './dto/memory.responses';
import { PutBlackboardDto } from './dto/put-blackboard.dto';
import type { Blackboard, MemoryMessage } from './memory.types';
import { MemoryService } from './memory.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'Current version, e.g. "3"' };

/** Session messages (private to the caller) and project blackboards. Reads viewer, writes member. */
@ApiTags('memory')
@Controller('memory')
export class MemoryController {
  constructor(private readonly service: MemoryService) {}

  @Post('sessions/:session_id/messages')
  @ApiCreatedResponse({ type: MemoryMessageDto })
  append(@Param() params: SessionParamDto, @Body() body: AppendMessageDto): Promise<MemoryMessage> {
    return this.service.append(params.session_id, {
      role: body.role,
      content: body.content,
      metadata: body.metadata ?? {},
    });
  }

  /** Oldest first (append order), after the message id `after`. */
  @Get('sessions/:session_id/messages')
  @ApiOkResponse({ type: pageOf(MemoryMessageDto) })
  messages(
    @Param() params: SessionParamDto,
    @Query() query: ListMessagesQueryDto,
  ): Promise<Page<MemoryMessage>> {
    return this.service.messages(params.session_id, query);
  }

  @Get('blackboards/:key')
  @ApiOkResponse({ type: BlackboardDto })
  async getBlackboard(
    @Param() params: BlackboardKeyParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Blackboard> {
    return withETag(res, await this.service.blackboard(params.key));
  }

  @Put('blackboards/:key')
  @ApiOkResponse({ type: BlackboardDto })
  @ApiHeader(IF_MATCH)
  async putBlackboard(
    @Param() params: BlackboardKeyParamDto,
    @Body() body: PutBlackboardDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Blackboard> {
    return withETag(res, await this.service.putBlackboard(params.key, body, parseIfMatch(ifMatch)));
  }

  @Delete('blackboards/:key')
  @HttpCode(204)
  @ApiHeader(IF_MATCH)
  async deleteBlackboard(
    @Param() params: BlackboardKeyParamDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.service.deleteBlackboard(params.key, parseIfMatch(ifMatch));
  }
}

function withETag(res: Response, entry: Blackboard): Blackboard {
  res.setHeader('ETag', `"${entry.version}"`);
  return entry;
}
