import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, Matches, Max, Min } from 'class-validator';
import { IsOmittable } from '../../../common/validation/validators';
import {
  BLEND_MODES,
  MAX_TIME_MS,
  SPEED_RANGE,
  VOLUME_DB_RANGE,
  type BlendMode,
} from '../timeline.types';

export const ASSET_ID_FORMAT = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const FINITE = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 };

/** A time field: a whole number of milliseconds, 0..24 h. */
export const IsTimeMs = (): PropertyDecorator => (target: object, key: string | symbol) => {
  IsInt({ message: `${String(key)} must be a whole number of milliseconds` })(target, key);
  Min(0)(target, key);
  Max(MAX_TIME_MS)(target, key);
};

/**
 * Body of `POST /timeline/tracks/:id/clips`. The clip plays source `[in_ms, out_ms)` from
 * `start_ms` on the timeline; `out_ms` must be greater than `in_ms`.
 */
export class CreateClipDto {
  @ApiProperty({
    pattern: ASSET_ID_FORMAT.source,
    description: 'Id of the media asset the clip shows.',
  })
  @Matches(ASSET_ID_FORMAT, { message: `asset_id must match ${ASSET_ID_FORMAT.source}` })
  asset_id!: string;

  @ApiProperty({ minimum: 0, maximum: MAX_TIME_MS }) @IsTimeMs() in_ms!: number;
  @ApiProperty({ minimum: 0, maximum: MAX_TIME_MS }) @IsTimeMs() out_ms!: number;
  @ApiProperty({ minimum: 0, maximum: MAX_TIME_MS }) @IsTimeMs() start_ms!: number;

  @ApiPropertyOptional({ minimum: SPEED_RANGE.min, maximum: SPEED_RANGE.max, default: 1 })
  @IsOmittable()
  @IsNumber(FINITE)
  @Min(SPEED_RANGE.min)
  @Max(SPEED_RANGE.max)
  speed?: number;

  @ApiPropertyOptional({ minimum: VOLUME_DB_RANGE.min, maximum: VOLUME_DB_RANGE.max, default: 0 })
  @IsOmittable()
  @IsNumber(FINITE)
  @Min(VOLUME_DB_RANGE.min)
  @Max(VOLUME_DB_RANGE.max)
  volume_db?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 1 })
  @IsOmittable()
  @IsNumber(FINITE)
  @Min(0)
  @Max(1)
  opacity?: number;

  @ApiPropertyOptional({ enum: BLEND_MODES, default: 'normal' })
  @IsOmittable()
  @IsIn(BLEND_MODES)
  blend_mode?: BlendMode;
}

/** Body of `PATCH /timeline/clips/:id` (no ripple: use trim or move to shift other clips). */
export class UpdateClipDto extends PartialType(CreateClipDto, { skipNullProperties: false }) {}
