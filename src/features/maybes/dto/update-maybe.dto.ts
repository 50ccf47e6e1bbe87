import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import { IsTagList } from '../../../common/validation/tags.validator';
import { IsOmittable } from '../../../common/validation/validators';
import { MAYBE_LIMITS } from '../maybes.types';

/** Body of `PATCH /maybes/items/:id`: the fields to change (at least one); `tags` replaces the list. */
export class UpdateMaybeDto {
  @ApiPropertyOptional({ maxLength: MAYBE_LIMITS.title })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(MAYBE_LIMITS.title)
  title?: string;

  @ApiPropertyOptional({ maxLength: MAYBE_LIMITS.body })
  @IsOmittable()
  @IsString()
  @MaxLength(MAYBE_LIMITS.body)
  body?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAYBE_LIMITS.tags })
  @IsOmittable()
  @IsTagList(MAYBE_LIMITS.tags)
  tags?: string[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  pinned?: boolean;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  archived?: boolean;
}
