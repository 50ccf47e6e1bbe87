import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '../../common/http/id-param';
import { DatasetEventDto, NexusSnippetDto } from './dto/nexus.responses';
import type { Page } from '../../common/http/pagination';
import { AnswersPage } from '../../common/http/responses.decorator';
import { CreateSnippetDto } from './dto/create-snippet.dto';
import { ListEventsQueryDto, ListSnippetsQueryDto } from './dto/list-nexus-query.dto';
import { RecordEventDto } from './dto/record-event.dto';
import type { DatasetEvent, NexusSnippet } from './nexus-backend.types';
import { NexusBackendService } from './nexus-backend.service';

/** Snippets by kind and tags, and dataset events. Reads viewer, writes member. */
@ApiTags('nexus')
@Controller('nexus')
export class NexusBackendController {
  constructor(private readonly service: NexusBackendService) {}

  @Post('snippets')
  @ApiCreatedResponse({ type: NexusSnippetDto })
  createSnippet(@Body() body: CreateSnippetDto): Promise<NexusSnippet> {
    return this.service.createSnippet(body);
  }

  /** Newest first. */
  @Get('snippets')
  @AnswersPage(NexusSnippetDto)
  snippets(@Query() query: ListSnippetsQueryDto): Promise<Page<NexusSnippet>> {
    return this.service.snippets({ kind: query.kind, tagsAny: query.tags_any }, query);
  }

  @Get('snippets/:id')
  @ApiOkResponse({ type: NexusSnippetDto })
  snippet(@Param() params: IdParamDto): Promise<NexusSnippet> {
    return this.service.snippet(params.id);
  }

  @Post('events')
  @ApiCreatedResponse({ type: DatasetEventDto })
  recordEvent(@Body() body: RecordEventDto): Promise<DatasetEvent> {
    return this.service.recordEvent(body);
  }

  /** Newest first; `since` inclusive. */
  @Get('events')
  @AnswersPage(DatasetEventDto)
  events(@Query() query: ListEventsQueryDto): Promise<Page<DatasetEvent>> {
    return this.service.events({ eventType: query.event_type, since: query.since }, query);
  }
}
