import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import { MAYBE_LIMITS } from '../maybe.types';
import { IsAbsentOrSet, IsMaybeTags } from './maybe-validators';

/** Body of `PATCH /maybes/items/:id`: the fields to change (at least one); `tags` replaces the list. */
export class UpdateMaybeDto {
  @ApiPropertyOptional({ maxLength: MAYBE_LIMITS.title })
  @IsAbsentOrSet()
  @IsString()
  @MinLength(1)
  @MaxLength(MAYBE_LIMITS.title)
  title?: string;

  @ApiPropertyOptional({ maxLength: MAYBE_LIMITS.body })
  @IsAbsentOrSet()
  @IsString()
  @MaxLength(MAYBE_LIMITS.body)
  body?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAYBE_LIMITS.tags })
  @IsAbsentOrSet()
  @IsMaybeTags(MAYBE_LIMITS.tags)
  tags?: string[];

  @ApiPropertyOptional()
  @IsAbsentOrSet()
  @IsBoolean()
  pinned?: boolean;

  @ApiPropertyOptional()
  @IsAbsentOrSet()
  @IsBoolean()
  archived?: boolean;
}
