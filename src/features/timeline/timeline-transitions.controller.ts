import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TransitionDto } from './dto/timeline.responses';
import { UpdateTransitionDto } from './dto/transition.dto';
import { timelineRecordRoutes } from './timeline-record-routes';
import { TimelineTransitionsService } from './timeline-transitions.service';
import type { Transition } from './timeline.types';

/** `/timeline/transitions/:id`. */
@ApiTags('timeline')
@Controller('timeline/transitions')
export class TimelineTransitionsController extends timelineRecordRoutes<
  Transition,
  UpdateTransitionDto
>(TransitionDto, UpdateTransitionDto) {
  constructor(override readonly records: TimelineTransitionsService) {
    super();
  }
}
