import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '../../common/http/id-param';
import { ListQueryDto, type Page } from '../../common/http/pagination';
import { CreateProjectDto, UpdateProjectDto } from './dto/project.dto';
import { CreateSequenceDto } from './dto/sequence.dto';
import { SequenceDto, TimelineProjectDto } from './dto/timeline.responses';
import { TimelineProjectsService } from './timeline-projects.service';
import { recordRoutes } from '../../common/http/record-routes';
import { AnswersPage } from '../../common/http/responses.decorator';
import { TimelineSequencesService } from './timeline-sequences.service';
import type { Sequence, TimelineProject } from './timeline.types';

/**
 * `/timeline/projects` and the sequences of a project. Only an empty project (no sequences)
 * is deleted; otherwise 409 timeline.has_children.
 */
@ApiTags('timeline')
@Controller('timeline/projects')
export class TimelineProjectsController extends recordRoutes<TimelineProject, UpdateProjectDto>(
  TimelineProjectDto,
  UpdateProjectDto,
) {
  constructor(
    override readonly records: TimelineProjectsService,
    private readonly sequences: TimelineSequencesService,
  ) {
    super();
  }

  @Post()
  @ApiCreatedResponse({ type: TimelineProjectDto })
  create(@Body() body: CreateProjectDto): Promise<TimelineProject> {
    return this.records.create(body);
  }

  /** Newest first. */
  @Get()
  @AnswersPage(TimelineProjectDto)
  list(@Query() query: ListQueryDto): Promise<Page<TimelineProject>> {
    return this.records.list(query);
  }

  @Post(':id/sequences')
  @ApiCreatedResponse({ type: SequenceDto })
  createSequence(@Param() params: IdParamDto, @Body() body: CreateSequenceDto): Promise<Sequence> {
    return this.sequences.create(params.id, body);
  }

  /** Newest first. */
  @Get(':id/sequences')
  @AnswersPage(SequenceDto)
  listSequences(
    @Param() params: IdParamDto,
    @Query() query: ListQueryDto,
  ): Promise<Page<Sequence>> {
    return this.sequences.list(params.id, query);
  }
}
