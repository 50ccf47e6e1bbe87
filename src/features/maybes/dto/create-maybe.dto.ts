import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import { MAYBE_LIMITS } from '../maybe.types';
import { IsAbsentOrSet, IsMaybeTags } from './maybe-validators';

/** Body of `POST /maybes/items`. Tags are de-duplicated; missing flags default to false. */
export class CreateMaybeDto {
  @ApiProperty({ maxLength: MAYBE_LIMITS.title })
  @IsString()
  @MinLength(1)
  @MaxLength(MAYBE_LIMITS.title)
  title!: string;

  @ApiPropertyOptional({ maxLength: MAYBE_LIMITS.body, default: '' })
  @IsAbsentOrSet()
  @IsString()
  @MaxLength(MAYBE_LIMITS.body)
  body?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAYBE_LIMITS.tags })
  @IsAbsentOrSet()
  @IsMaybeTags(MAYBE_LIMITS.tags)
  tags?: string[];

  @ApiPropertyOptional({ default: false })
  @IsAbsentOrSet()
  @IsBoolean()
  pinned?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsAbsentOrSet()
  @IsBoolean()
  archived?: boolean;
}
