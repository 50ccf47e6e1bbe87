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
import { SequenceDto, TrackDto, TransitionDto } from './dto/timeline.responses';
import { parseIfMatch } from '../../common/http/if-match';
import { ListQueryDto, type Page } from '../../common/http/pagination';
import { UpdateSequenceDto } from './dto/sequence.dto';
import { TimelineIdParamDto } from './dto/timeline-params.dto';
import { CreateTrackDto } from './dto/track.dto';
import { CreateTransitionDto } from './dto/transition.dto';
import { IF_MATCH_HEADER, withEtag } from './timeline-etag';
import { TimelineSequencesService } from './timeline-sequences.service';
import { TimelineTracksService } from './timeline-tracks.service';
import { TimelineTransitionsService } from './timeline-transitions.service';
import type { Sequence, Track, Transition } from './timeline.types';

/** `/timeline/sequences/:id` with its tracks and transitions. */
@ApiTags('timeline')
@Controller('timeline/sequences')
export class TimelineSequencesController {
  constructor(
    private readonly sequences: TimelineSequencesService,
    private readonly tracks: TimelineTracksService,
    private readonly transitions: TimelineTransitionsService,
  ) {}

  @Get(':id')
  @ApiOkResponse({ type: SequenceDto })
  async get(
    @Param() params: TimelineIdParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Sequence> {
    return withEtag(res, await this.sequences.get(params.id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: SequenceDto })
  @ApiHeader(IF_MATCH_HEADER)
  async update(
    @Param() params: TimelineIdParamDto,
    @Body() body: UpdateSequenceDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Sequence> {
    return withEtag(res, await this.sequences.update(params.id, body, parseIfMatch(ifMatch)));
  }

  /** Only a sequence without tracks and transitions is deleted; otherwise 409 timeline.has_children. */
  @Delete(':id')
  @HttpCode(204)
  @ApiHeader(IF_MATCH_HEADER)
  remove(
    @Param() params: TimelineIdParamDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    return this.sequences.remove(params.id, parseIfMatch(ifMatch));
  }

  @Post(':id/tracks')
  @ApiCreatedResponse({ type: TrackDto })
  createTrack(@Param() params: TimelineIdParamDto, @Body() body: CreateTrackDto): Promise<Track> {
    return this.tracks.create(params.id, body);
  }

  /** Creation order (the sequence's track_ids order). */
  @Get(':id/tracks')
  @ApiOkResponse({ type: pageOf(TrackDto) })
  listTracks(
    @Param() params: TimelineIdParamDto,
    @Query() query: ListQueryDto,
  ): Promise<Page<Track>> {
    return this.tracks.list(params.id, query);
  }

  @Post(':id/transitions')
  @ApiCreatedResponse({ type: TransitionDto })
  createTransition(
    @Param() params: TimelineIdParamDto,
    @Body() body: CreateTransitionDto,
  ): Promise<Transition> {
    return this.transitions.create(params.id, body);
  }

  /** Newest first. */
  @Get(':id/transitions')
  @ApiOkResponse({ type: pageOf(TransitionDto) })
  listTransitions(
    @Param() params: TimelineIdParamDto,
    @Query() query: ListQueryDto,
  ): Promise<Page<Transition>> {
    return this.transitions.list(params.id, query);
  }
}
