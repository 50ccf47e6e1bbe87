import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, Matches } from 'class-validator';
import { SORTABLE_ID_FORMAT } from '../../../common/ids/sortable-id';
import { IsOmittable } from '../../../common/validation/validators';
import { MAX_TIME_MS } from '../timeline.types';
import { IsTimeMs } from './clip.dto';
import { ID_MESSAGE } from './timeline-params.dto';

/** Body of `POST /timeline/clips/:id/trim`: a new source range (at least one end). */
export class TrimClipDto {
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_TIME_MS })
  @IsOmittable()
  @IsTimeMs()
  in_ms?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_TIME_MS })
  @IsOmittable()
  @IsTimeMs()
  out_ms?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Shift later clips on the track by the change in duration.',
  })
  @IsOmittable()
  @IsBoolean()
  ripple?: boolean;
}

/** Body of `POST /timeline/clips/:id/split`: a timeline position strictly inside the clip. */
export class SplitClipDto {
  @ApiProperty({
    minimum: 0,
    maximum: MAX_TIME_MS,
    description: 'Timeline position, strictly between start_ms and start_ms + duration.',
  })
  @IsTimeMs()
  at_ms!: number;
}

/** Body of `POST /timeline/clips/:id/move`. */
export class MoveClipDto {
  @ApiProperty({ minimum: 0, maximum: MAX_TIME_MS }) @IsTimeMs() start_ms!: number;

  @ApiPropertyOptional({
    description: 'Another track of the same sequence (default: the clip’s own track).',
  })
  @IsOmittable()
  @Matches(SORTABLE_ID_FORMAT, { message: `track_id ${ID_MESSAGE}` })
  track_id?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Close the gap on the origin track and open room on the destination.',
  })
  @IsOmittable()
  @IsBoolean()
  ripple?: boolean;
}
