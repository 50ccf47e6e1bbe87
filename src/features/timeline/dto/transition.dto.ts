import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { SORTABLE_ID_FORMAT } from '../../../common/ids/sortable-id';
import { MAX_TRANSITION_MS, TRANSITION_TYPES, type TransitionType } from '../timeline.types';
import { ID_MESSAGE } from './timeline-params.dto';

/**
 * Body of `POST /timeline/sequences/:id/transitions`: from the outgoing clip to the
 * incoming one, both clips of this sequence; one side may be null (fade from/to nothing).
 */
export class CreateTransitionDto {
  @ApiProperty({ enum: TRANSITION_TYPES })
  @IsIn(TRANSITION_TYPES)
  type!: TransitionType;

  @ApiProperty({ minimum: 1, maximum: MAX_TRANSITION_MS })
  @IsInt({ message: 'duration_ms must be a whole number of milliseconds' })
  @Min(1)
  @Max(MAX_TRANSITION_MS)
  duration_ms!: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Matches(SORTABLE_ID_FORMAT, { message: `from_clip_id ${ID_MESSAGE}` })
  from_clip_id?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Matches(SORTABLE_ID_FORMAT, { message: `to_clip_id ${ID_MESSAGE}` })
  to_clip_id?: string | null;
}

/** Body of `PATCH /timeline/transitions/:id`. */
export class UpdateTransitionDto extends PartialType(CreateTransitionDto, {
  skipNullProperties: false,
}) {}
