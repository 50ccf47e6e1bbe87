import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '../../common/http/id-param';
import { IfMatch } from '../../common/http/if-match.decorator';
import { MoveClipDto, SplitClipDto, TrimClipDto } from './dto/clip-edit.dto';
import { UpdateClipDto } from './dto/clip.dto';
import { ClipDto, ClipEditResultDto, ClipSplitResultDto } from './dto/timeline.responses';
import { TimelineClipEditsService, type ClipEditResult } from './timeline-clip-edits.service';
import { TimelineClipsService } from './timeline-clips.service';
import { recordRoutes } from '../../common/http/record-routes';
import { AnswersAction } from '../../common/http/responses.decorator';
import type { Clip } from './timeline.types';

/**
 * `/timeline/clips/:id` and its editing operations (each honours If-Match on the clip).
 * A clip a transition refers to is not deleted: 409 timeline.clip_in_use.
 */
@ApiTags('timeline')
@Controller('timeline/clips')
export class TimelineClipsController extends recordRoutes<Clip, UpdateClipDto>(
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
  @AnswersAction(ClipEditResultDto)
  trim(
    @Param() params: IdParamDto,
    @Body() body: TrimClipDto,
    @IfMatch() version: number | undefined,
  ): Promise<ClipEditResult> {
    return this.edits.trim(params.id, body, version);
  }

  /** Two clips: `left` keeps the id, `right` is new. */
  @Post(':id/split')
  @AnswersAction(ClipSplitResultDto)
  split(
    @Param() params: IdParamDto,
    @Body() body: SplitClipDto,
    @IfMatch() version: number | undefined,
  ): Promise<{ left: Clip; right: Clip }> {
    return this.edits.split(params.id, body.at_ms, version);
  }

  @Post(':id/move')
  @AnswersAction(ClipEditResultDto)
  move(
    @Param() params: IdParamDto,
    @Body() body: MoveClipDto,
    @IfMatch() version: number | undefined,
  ): Promise<ClipEditResult> {
    return this.edits.move(params.id, body, version);
  }
}
