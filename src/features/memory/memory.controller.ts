import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../common/http/if-match.decorator';
import type { Page } from '../../common/http/pagination';
import { AnswersPage, AnswersRecord } from '../../common/http/responses.decorator';
import { AppendMessageDto } from './dto/append-message.dto';
import { ListMessagesQueryDto } from './dto/list-messages-query.dto';
import { BlackboardKeyParamDto, SessionParamDto } from './dto/memory-params.dto';
import { BlackboardDto, MemoryMessageDto } from './dto/memory.responses';
import { PutBlackboardDto } from './dto/put-blackboard.dto';
import type { Blackboard, MemoryMessage } from './memory.types';
import { MemoryService } from './memory.service';

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
  @AnswersPage(MemoryMessageDto)
  messages(
    @Param() params: SessionParamDto,
    @Query() query: ListMessagesQueryDto,
  ): Promise<Page<MemoryMessage>> {
    return this.service.messages(params.session_id, query);
  }

  @Get('blackboards/:key')
  @AnswersRecord(BlackboardDto)
  getBlackboard(@Param() params: BlackboardKeyParamDto): Promise<Blackboard> {
    return this.service.blackboard(params.key);
  }

  @Put('blackboards/:key')
  @AnswersRecord(BlackboardDto)
  putBlackboard(
    @Param() params: BlackboardKeyParamDto,
    @Body() body: PutBlackboardDto,
    @IfMatch() version: number | undefined,
  ): Promise<Blackboard> {
    return this.service.putBlackboard(params.key, body, version);
  }

  @Delete('blackboards/:key')
  @HttpCode(204)
  async deleteBlackboard(
    @Param() params: BlackboardKeyParamDto,
    @IfMatch() version: number | undefined,
  ): Promise<void> {
    await this.service.deleteBlackboard(params.key, version);
  }
}
