import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import { EmptyAsAbsent, ToBoolean, ToList } from '../../../common/validation/query.transforms';
import { IsTagList } from '../../../common/validation/tags.validator';
import { MAYBE_LIMITS } from '../maybes.types';

/**
 * Query of `GET /maybes/items`. Absent filters do not filter (archived items are listed
 * unless `archived=false`). With `q`, a page may be short or empty while `next_cursor` is
 * set: keep following `next_cursor` until it is null to see every match.
 */
export class ListMaybesQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    description: 'Case-insensitive substring of title or body.',
    maxLength: MAYBE_LIMITS.q,
  })
  @EmptyAsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(MAYBE_LIMITS.q)
  q?: string;

  @ApiPropertyOptional({
    description: `Comma-separated, at most ${MAYBE_LIMITS.tagsAny}: items with any of these tags.`,
  })
  @ToList()
  @IsOptional()
  @IsTagList(MAYBE_LIMITS.tagsAny)
  tags_any?: string[];

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @ToBoolean({ emptyAsAbsent: true })
  @IsOptional()
  @IsBoolean({ message: 'pinned must be "true" or "false"' })
  pinned?: boolean;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @ToBoolean({ emptyAsAbsent: true })
  @IsOptional()
  @IsBoolean({ message: 'archived must be "true" or "false"' })
  archived?: boolean;
}
