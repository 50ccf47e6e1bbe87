import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '../../common/http/id-param';
import { IfMatch } from '../../common/http/if-match.decorator';
import { MoveClipDto, SplitClipDto, TrimClipDto } from './dto/clip-edit.dto';
import { UpdateClipDto } from './dto/clip.dto';
import { ClipDto, ClipEditResultDto, ClipSplitResultDto } from './dto/timeline.responses';
import { TimelineClipEditsService, type ClipEditResult } from './timeline-clip-edits.service';
import { TimelineClipsService } from './timeline-clips.service';
import { timelineRecordRoutes } from './timeline-record-routes';
import type { Clip } from './timeline.types';

/**
 * `/timeline/clips/:id` and its editing operations (each honours If-Match on the clip).
 * A clip a transition refers to is not deleted: 409 timeline.clip_in_use.
 */
@ApiTags('timeline')
@Controller('timeline/clips')
export class TimelineClipsController extends timelineRecordRoutes<Clip, UpdateClipDto>(
  ClipDto,
  UpdateClipDto,
) {
  constructor(
    override readonly records: TimelineClipsService,
    private readonly edits: TimelineClipEditsService,
  ) {
    super();
  }

  @Post(':id/trim')
  @ApiOkResponse({ type: ClipEditResultDto })
  @HttpCode(200)
  trim(
    @Param() params: IdParamDto,
    @Body() body: TrimClipDto,
    @IfMatch() version: number | undefined,
  ): Promise<ClipEditResult> {
    return this.edits.trim(params.id, body, version);
  }

  /** Two clips: `left` keeps the id, `right` is new. */
  @Post(':id/split')
  @ApiOkResponse({ type: ClipSplitResultDto })
  @HttpCode(200)
  split(
    @Param() params: IdParamDto,
    @Body() body: SplitClipDto,
    @IfMatch() version: number | undefined,
  ): Promise<{ left: Clip; right: Clip }> {
    return this.edits.split(params.id, body.at_ms, version);
  }

  @Post(':id/move')
  @ApiOkResponse({ type: ClipEditResultDto })
  @HttpCode(200)
  move(
    @Param() params: IdParamDto,
    @Body() body: MoveClipDto,
    @IfMatch() version: number | undefined,
  ): Promise<ClipEditResult> {
    return this.edits.move(params.id, body, version);
  }
}
