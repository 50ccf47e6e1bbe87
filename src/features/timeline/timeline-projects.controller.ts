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
import { SequenceDto, TimelineProjectDto } from './dto/timeline.responses';
import { parseIfMatch } from '../../common/http/if-match';
import { ListQueryDto, type Page } from '../../common/http/pagination';
import { CreateProjectDto, UpdateProjectDto } from './dto/project.dto';
import { CreateSequenceDto } from './dto/sequence.dto';
import { TimelineIdParamDto } from './dto/timeline-params.dto';
import { IF_MATCH_HEADER, withEtag } from './timeline-etag';
import { TimelineProjectsService } from './timeline-projects.service';
import { TimelineSequencesService } from './timeline-sequences.service';
import type { Sequence, TimelineProject } from './timeline.types';

/** `/timeline/projects` and the sequences of a project. */
@ApiTags('timeline')
@Controller('timeline/projects')
export class TimelineProjectsController {
  constructor(
    private readonly projects: TimelineProjectsService,
    private readonly sequences: TimelineSequencesService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: TimelineProjectDto })
  create(@Body() body: CreateProjectDto): Promise<TimelineProject> {
    return this.projects.create(body);
  }

  /** Newest first. */
  @Get()
  @ApiOkResponse({ type: pageOf(TimelineProjectDto) })
  list(@Query() query: ListQueryDto): Promise<Page<TimelineProject>> {
    return this.projects.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: TimelineProjectDto })
  async get(
    @Param() params: TimelineIdParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TimelineProject> {
    return withEtag(res, await this.projects.get(params.id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: TimelineProjectDto })
  @ApiHeader(IF_MATCH_HEADER)
  async update(
    @Param() params: TimelineIdParamDto,
    @Body() body: UpdateProjectDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TimelineProject> {
    return withEtag(res, await this.projects.update(params.id, body, parseIfMatch(ifMatch)));
  }

  /** Only an empty project (no sequences) is deleted; otherwise 409 timeline.has_children. */
  @Delete(':id')
  @HttpCode(204)
  @ApiHeader(IF_MATCH_HEADER)
  remove(
    @Param() params: TimelineIdParamDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    return this.projects.remove(params.id, parseIfMatch(ifMatch));
  }

  @Post(':id/sequences')
  @ApiCreatedResponse({ type: SequenceDto })
  createSequence(
    @Param() params: TimelineIdParamDto,
    @Body() body: CreateSequenceDto,
  ): Promise<Sequence> {
    return this.sequences.create(params.id, body);
  }

  /** Newest first. */
  @Get(':id/sequences')
  @ApiOkResponse({ type: pageOf(SequenceDto) })
  listSequences(
    @Param() params: TimelineIdParamDto,
    @Query() query: ListQueryDto,
  ): Promise<Page<Sequence>> {
    return this.sequences.list(params.id, query);
  }
}
