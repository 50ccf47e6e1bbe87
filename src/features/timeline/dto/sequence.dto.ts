import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsInt, IsNumber, IsString, Length, Max, Min } from 'class-validator';
import { IsOmittable } from '../../../common/validation/validators';

/** Body of `POST /timeline/projects/:id/sequences`. */
export class CreateSequenceDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 240, default: 30 })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(1)
  @Max(240)
  fps?: number;

  @ApiPropertyOptional({ minimum: 16, maximum: 16384, default: 1920 })
  @IsOmittable()
  @IsInt()
  @Min(16)
  @Max(16384)
  width?: number;

  @ApiPropertyOptional({ minimum: 16, maximum: 16384, default: 1080 })
  @IsOmittable()
  @IsInt()
  @Min(16)
  @Max(16384)
  height?: number;
}

/** Body of `PATCH /timeline/sequences/:id`. */
export class UpdateSequenceDto extends PartialType(CreateSequenceDto, {
  skipNullProperties: false,
}) {}
