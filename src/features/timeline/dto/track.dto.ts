import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import { IsOmittable } from '../../../common/validation/validators';
import { TRACK_KINDS, type TrackKind } from '../timeline.types';

/** Body of `POST /timeline/sequences/:id/tracks`. */
export class CreateTrackDto {
  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: TRACK_KINDS })
  @IsIn(TRACK_KINDS)
  kind!: TrackKind;

  @ApiPropertyOptional({ default: false })
  @IsOmittable()
  @IsBoolean()
  muted?: boolean;
}

/** Body of `PATCH /timeline/tracks/:id`. */
export class UpdateTrackDto extends PartialType(CreateTrackDto, { skipNullProperties: false }) {}
