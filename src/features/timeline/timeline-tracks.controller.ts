import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '../../common/http/id-param';
import { ListQueryDto, type Page } from '../../common/http/pagination';
import { CreateClipDto } from './dto/clip.dto';
import { ClipDto, TrackDto } from './dto/timeline.responses';
import { UpdateTrackDto } from './dto/track.dto';
import { TimelineClipsService } from './timeline-clips.service';
import { recordRoutes } from '../../common/http/record-routes';
import { AnswersPage } from '../../common/http/responses.decorator';
import { TimelineTracksService } from './timeline-tracks.service';
import type { Clip, Track } from './timeline.types';

/**
 * `/timeline/tracks/:id` with its clips. Only a track without clips is deleted; otherwise
 * 409 timeline.has_children.
 */
@ApiTags('timeline')
@Controller('timeline/tracks')
export class TimelineTracksController extends recordRoutes<Track, UpdateTrackDto>(
  TrackDto,
  UpdateTrackDto,
) {
  constructor(
    override readonly records: TimelineTracksService,
    private readonly clips: TimelineClipsService,
  ) {
    super();
  }

  @Post(':id/clips')
  @ApiCreatedResponse({ type: ClipDto })
  createClip(@Param() params: IdParamDto, @Body() body: CreateClipDto): Promise<Clip> {
    return this.clips.create(params.id, body);
  }

  /** Timeline order (start_ms, then id). */
  @Get(':id/clips')
  @AnswersPage(ClipDto)
  listClips(@Param() params: IdParamDto, @Query() query: ListQueryDto): Promise<Page<Clip>> {
    return this.clips.list(params.id, query);
  }
}
