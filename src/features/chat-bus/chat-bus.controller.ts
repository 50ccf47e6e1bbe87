import { Body, Controller, Get, Headers, Logger, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOperation,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { IdParamDto } from '../../common/http/id-param';
import { ChatMessageDto, ChatThreadDto } from './dto/chat.responses';
import type { Response } from 'express';
import { DomainError } from '../../common/errors/domain.error';
import { ListQueryDto, type Page } from '../../common/http/pagination';
import { AnswersPage } from '../../common/http/responses.decorator';
import { ChatInvalidLastEventIdError } from './chat-bus.errors';
import { ChatBusService } from './chat-bus.service';
import { ChatBusLiveFeeds } from './chat-bus-live-feeds';
import { ChatBusSseWriter } from './chat-bus-sse.writer';
import {
  CHAT_RETENTION_NOTE,
  MESSAGE_ID_FORMAT,
  type ChatMessage,
  type ChatThread,
} from './chat-bus.types';
import {
  CreateThreadDto,
  ListMessagesQueryDto,
  PostMessageDto,
  ThreadEventsQueryDto,
} from './dto/chat.dto';

@ApiTags('chat')
@Controller('chat/threads')
export class ChatBusController {
  private readonly logger = new Logger('ChatBus');

  constructor(
    private readonly service: ChatBusService,
    private readonly feeds: ChatBusLiveFeeds,
  ) {}

  /** Creates a thread (member) and registers its id in realtime_registry. */
  @Post()
  @ApiCreatedResponse({ type: ChatThreadDto })
  createThread(@Body() body: CreateThreadDto): Promise<ChatThread> {
    return this.service.createThread(body);
  }

  /** Threads of the caller's scope, newest first. */
  @Get()
  @AnswersPage(ChatThreadDto)
  listThreads(@Query() query: ListQueryDto): Promise<Page<ChatThread>> {
    return this.service.listThreads(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ChatThreadDto })
  getThread(@Param() params: IdParamDto): Promise<ChatThread> {
    return this.service.getThread(params.id);
  }

  /** Appends a message (member); the answer carries its stream id. */
  @Post(':id/messages')
  @ApiCreatedResponse({ type: ChatMessageDto })
  @ApiOperation({ description: `Appends a message to the thread. ${CHAT_RETENTION_NOTE}` })
  postMessage(@Param() params: IdParamDto, @Body() body: PostMessageDto): Promise<ChatMessage> {
    return this.service.postMessage(params.id, body);
  }

  /** Messages in append order (oldest first), after `after` or the page cursor. */
  @Get(':id/messages')
  @AnswersPage(ChatMessageDto)
  @ApiOperation({ description: `Messages in append order. ${CHAT_RETENTION_NOTE}` })
  listMessages(
    @Param() params: IdParamDto,
    @Query() query: ListMessagesQueryDto,
  ): Promise<Page<ChatMessage>> {
    return this.service.listMessages(params.id, query);
  }

  /**
   * Server-Sent Events: new messages as they are posted. A client that reconnects with
   * `Last-Event-ID` (or `?after=`) first receives what it missed, then live messages, with
   * no duplicates and no gaps (messages trimmed by the stream cap cannot be replayed).
   * Past `CHAT_MAX_SUBSCRIBERS` open feeds on the instance: `503 chat_bus.too_many_subscribers`
   * with `Retry-After`. If the feed fails once streaming, an `error` event says what failed and
   * the Last-Event-ID to reconnect with, and the stream ends.
   */
  @Get(':id/events')
  @ApiOperation({
    description: `Server-Sent Events, resumable with Last-Event-ID. ${CHAT_RETENTION_NOTE}`,
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'One `id:`/`data:` event per message (data is the message as JSON).',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Id of the last message received',
  })
  async events(
    @Param() params: IdParamDto,
    @Query() query: ThreadEventsQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const resumeFrom = parseLastEventId(lastEventId) ?? query.after;
    // The slot is taken first, so a full instance refuses before any backend call.
    const signal = this.feeds.open(res);
    const after = await this.service.openFeed(params.id, resumeFrom);
    const sse = new ChatBusSseWriter(res);
    try {
      await this.service.follow(params.id, after, (messages) => sse.sendMessages(messages), signal);
    } catch (err) {
      if (!(err instanceof DomainError))
        this.logger.error({ err, thread_id: params.id }, 'Chat live feed failed');
      sse.sendError(err);
    } finally {
      sse.end();
    }
  }
}

function parseLastEventId(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (!MESSAGE_ID_FORMAT.test(header.trim())) throw new ChatInvalidLastEventIdError(header);
  return header.trim();
}
