import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { TransitionDto } from './dto/timeline.responses';
import { parseIfMatch } from '../../common/http/if-match';
import { TimelineIdParamDto } from './dto/timeline-params.dto';
import { UpdateTransitionDto } from './dto/transition.dto';
import { IF_MATCH_HEADER, withEtag } from './timeline-etag';
import { TimelineTransitionsService } from './timeline-transitions.service';
import type { Transition } from './timeline.types';

/** `/timeline/transitions/:id`. */
@ApiTags('timeline')
@Controller('timeline/transitions')
export class TimelineTransitionsController {
  constructor(private readonly transitions: TimelineTransitionsService) {}

  @Get(':id')
  @ApiOkResponse({ type: TransitionDto })
  async get(
    @Param() params: TimelineIdParamDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Transition> {
    return withEtag(res, await this.transitions.get(params.id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: TransitionDto })
  @ApiHeader(IF_MATCH_HEADER)
  async update(
    @Param() params: TimelineIdParamDto,
    @Body() body: UpdateTransitionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Transition> {
    return withEtag(res, await this.transitions.update(params.id, body, parseIfMatch(ifMatch)));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiHeader(IF_MATCH_HEADER)
  remove(
    @Param() params: TimelineIdParamDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    return this.transitions.remove(params.id, parseIfMatch(ifMatch));
  }
}
