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
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ClipDto, ClipEditResultDto, ClipSplitResultDto } from './dto/timeline.responses';
import { parseIfMatch } from '../../common/http/if-match';
import { MoveClipDto, SplitClipDto, TrimClipDto } from './dto/clip-edit.dto';
import { UpdateClipDto } from './dto/clip.dto';
import { TimelineIdParamDto } from './dto/timeline-params.dto';
import { TimelineClipEditsService, type ClipEditResult } from './timeline-clip-edits.service';
import { TimelineClipsService } from './timeline-clips.service';
import { IF_MATCH_HEADER, withEtag } from './timeline-etag';
import type { Clip } from './timeline.types';

/** `/timeline/clips/:id` and its editing operations (each honours If-Match on the clip). */
@ApiTags('timeline')
@Controller('timeline/clips')
export class TimelineClipsController {
  constructor(
    private readonly clips: TimelineClipsService,
    private readonly edits: TimelineClipEditsService,
  ) {}

  @Get(':id')
  @ApiOkResponse({ type: ClipDto })
  async get(
    @Param() params: TimelineIdParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Clip> {
    return withEtag(res, await this.clips.get(params.id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: ClipDto })
  @ApiHeader(IF_MATCH_HEADER)
  async update(
    @Param() params: TimelineIdParamDto,
    @Body() body: UpdateClipDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Clip> {
    return withEtag(res, await this.clips.update(params.id, body, parseIfMatch(ifMatch)));
  }

  /** Refused with 409 timeline.clip_in_use while a transition refers to the clip. */
  @Delete(':id')
  @HttpCode(204)
  @ApiHeader(IF_MATCH_HEADER)
  remove(
    @Param() params: TimelineIdParamDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    return this.clips.remove(params.id, parseIfMatch(ifMatch));
  }

  @Post(':id/trim')
  @ApiOkResponse({ type: ClipEditResultDto })
  @HttpCode(200)
  @ApiHeader(IF_MATCH_HEADER)
  trim(
    @Param() params: TimelineIdParamDto,
    @Body() body: TrimClipDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<ClipEditResult> {
    return this.edits.trim(params.id, body, parseIfMatch(ifMatch));
  }

  /** Two clips: `left` keeps the id, `right` is new. */
  @Post(':id/split')
  @ApiOkResponse({ type: ClipSplitResultDto })
  @HttpCode(200)
  @ApiHeader(IF_MATCH_HEADER)
  split(
    @Param() params: TimelineIdParamDto,
    @Body() body: SplitClipDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<{ left: Clip; right: Clip }> {
    return this.edits.split(params.id, body.at_ms, parseIfMatch(ifMatch));
  }

  @Post(':id/move')
  @ApiOkResponse({ type: ClipEditResultDto })
  @HttpCode(200)
  @ApiHeader(IF_MATCH_HEADER)
  move(
    @Param() params: TimelineIdParamDto,
    @Body() body: MoveClipDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<ClipEditResult> {
    return this.edits.move(params.id, body, parseIfMatch(ifMatch));
  }
}
