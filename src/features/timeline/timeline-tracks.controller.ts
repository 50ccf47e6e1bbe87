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
import { ClipDto, TrackDto } from './dto/timeline.responses';
import { parseIfMatch } from '../../common/http/if-match';
import { ListQueryDto, type Page } from '../../common/http/pagination';
import { CreateClipDto } from './dto/clip.dto';
import { TimelineIdParamDto } from './dto/timeline-params.dto';
import { UpdateTrackDto } from './dto/track.dto';
import { TimelineClipsService } from './timeline-clips.service';
import { IF_MATCH_HEADER, withEtag } from './timeline-etag';
import { TimelineTracksService } from './timeline-tracks.service';
import type { Clip, Track } from './timeline.types';

/** `/timeline/tracks/:id` with its clips. */
@ApiTags('timeline')
@Controller('timeline/tracks')
export class TimelineTracksController {
  constructor(
    private readonly tracks: TimelineTracksService,
    private readonly clips: TimelineClipsService,
  ) {}

  @Get(':id')
  @ApiOkResponse({ type: TrackDto })
  async get(
    @Param() params: TimelineIdParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Track> {
    return withEtag(res, await this.tracks.get(params.id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: TrackDto })
  @ApiHeader(IF_MATCH_HEADER)
  async update(
    @Param() params: TimelineIdParamDto,
    @Body() body: UpdateTrackDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Track> {
    return withEtag(res, await this.tracks.update(params.id, body, parseIfMatch(ifMatch)));
  }

  /** Only a track without clips is deleted; otherwise 409 timeline.has_children. */
  @Delete(':id')
  @HttpCode(204)
  @ApiHeader(IF_MATCH_HEADER)
  remove(
    @Param() params: TimelineIdParamDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    return this.tracks.remove(params.id, parseIfMatch(ifMatch));
  }

  @Post(':id/clips')
  @ApiCreatedResponse({ type: ClipDto })
  createClip(@Param() params: TimelineIdParamDto, @Body() body: CreateClipDto): Promise<Clip> {
    return this.clips.create(params.id, body);
  }

  /** Timeline order (start_ms, then id). */
  @Get(':id/clips')
  @ApiOkResponse({ type: pageOf(ClipDto) })
  listClips(
    @Param() params: TimelineIdParamDto,
    @Query() query: ListQueryDto,
  ): Promise<Page<Clip>> {
    return this.clips.list(params.id, query);
  }
}
