import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import { IsTagList } from '../../../common/validation/tags.validator';
import { IsOmittable } from '../../../common/validation/validators';
import { MAYBE_LIMITS } from '../maybes.types';

/** Body of `POST /maybes/items`. Tags are de-duplicated; missing flags default to false. */
export class CreateMaybeDto {
  @ApiProperty({ maxLength: MAYBE_LIMITS.title })
  @IsString()
  @MinLength(1)
  @MaxLength(MAYBE_LIMITS.title)
  title!: string;

  @ApiPropertyOptional({ maxLength: MAYBE_LIMITS.body, default: '' })
  @IsOmittable()
  @IsString()
  @MaxLength(MAYBE_LIMITS.body)
  body?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAYBE_LIMITS.tags })
  @IsOmittable()
  @IsTagList(MAYBE_LIMITS.tags)
  tags?: string[];

  @ApiPropertyOptional({ default: false })
  @IsOmittable()
  @IsBoolean()
  pinned?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOmittable()
  @IsBoolean()
  archived?: boolean;
}
