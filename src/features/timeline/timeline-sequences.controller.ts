import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '../../common/http/id-param';
import { ListQueryDto, type Page } from '../../common/http/pagination';
import { UpdateSequenceDto } from './dto/sequence.dto';
import { SequenceDto, TrackDto, TransitionDto } from './dto/timeline.responses';
import { CreateTrackDto } from './dto/track.dto';
import { CreateTransitionDto } from './dto/transition.dto';
import { recordRoutes } from '../../common/http/record-routes';
import { AnswersPage } from '../../common/http/responses.decorator';
import { TimelineSequencesService } from './timeline-sequences.service';
import { TimelineTracksService } from './timeline-tracks.service';
import { TimelineTransitionsService } from './timeline-transitions.service';
import type { Sequence, Track, Transition } from './timeline.types';

/**
 * `/timeline/sequences/:id` with its tracks and transitions. Only a sequence without tracks
 * and transitions is deleted; otherwise 409 timeline.has_children.
 */
@ApiTags('timeline')
@Controller('timeline/sequences')
export class TimelineSequencesController extends recordRoutes<Sequence, UpdateSequenceDto>(
  SequenceDto,
  UpdateSequenceDto,
) {
  constructor(
    override readonly records: TimelineSequencesService,
    private readonly tracks: TimelineTracksService,
    private readonly transitions: TimelineTransitionsService,
  ) {
    super();
  }

  @Post(':id/tracks')
  @ApiCreatedResponse({ type: TrackDto })
  createTrack(@Param() params: IdParamDto, @Body() body: CreateTrackDto): Promise<Track> {
    return this.tracks.create(params.id, body);
  }

  /** Creation order (the sequence's track_ids order). */
  @Get(':id/tracks')
  @AnswersPage(TrackDto)
  listTracks(@Param() params: IdParamDto, @Query() query: ListQueryDto): Promise<Page<Track>> {
    return this.tracks.list(params.id, query);
  }

  @Post(':id/transitions')
  @ApiCreatedResponse({ type: TransitionDto })
  createTransition(
    @Param() params: IdParamDto,
    @Body() body: CreateTransitionDto,
  ): Promise<Transition> {
    return this.transitions.create(params.id, body);
  }

  /** Newest first. */
  @Get(':id/transitions')
  @AnswersPage(TransitionDto)
  listTransitions(
    @Param() params: IdParamDto,
    @Query() query: ListQueryDto,
  ): Promise<Page<Transition>> {
    return this.transitions.list(params.id, query);
  }
}
