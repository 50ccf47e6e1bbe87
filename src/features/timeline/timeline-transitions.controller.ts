import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TransitionDto } from './dto/timeline.responses';
import { UpdateTransitionDto } from './dto/transition.dto';
import { recordRoutes } from '../../common/http/record-routes';
import { TimelineTransitionsService } from './timeline-transitions.service';
import type { Transition } from './timeline.types';

/** `/timeline/transitions/:id`. */
@ApiTags('timeline')
@Controller('timeline/transitions')
export class TimelineTransitionsController extends recordRoutes<Transition, UpdateTransitionDto>(
  TransitionDto,
  UpdateTransitionDto,
) {
  constructor(override readonly records: TimelineTransitionsService) {
    super();
  }
}
