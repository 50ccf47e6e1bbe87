import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import { EmptyAsAbsent, ToList } from '../../../common/validation/query.transforms';
import { IsTagList } from '../../../common/validation/tags.validator';
import { IsTimestamp } from '../../../common/validation/timestamp.validators';
import { NEXUS_LIMITS, NEXUS_NAME_FORMAT } from '../nexus-backend.types';

/** Query of `GET /nexus/snippets`: newest first. */
export class ListSnippetsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ pattern: NEXUS_NAME_FORMAT.source })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(NEXUS_NAME_FORMAT, {
    message: 'kind must be a lower-case name of 1 to 64 characters (a-z, 0-9, "_", ".", ":", "-")',
  })
  kind?: string;

  @ApiPropertyOptional({
    description: `Comma-separated, at most ${NEXUS_LIMITS.tagsAny}: snippets with any of these tags.`,
  })
  @ToList()
  @IsOptional()
  @IsTagList(NEXUS_LIMITS.tagsAny)
  tags_any?: string[];
}

/** Query of `GET /nexus/events`: newest first. */
export class ListEventsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ pattern: NEXUS_NAME_FORMAT.source })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(NEXUS_NAME_FORMAT, {
    message:
      'event_type must be a lower-case name of 1 to 64 characters (a-z, 0-9, "_", ".", ":", "-")',
  })
  event_type?: string;

  @ApiPropertyOptional({
    description: 'Only events created at or after this time, e.g. 2030-01-31T12:00:00Z.',
  })
  @EmptyAsAbsent()
  @IsOptional()
  @IsTimestamp({ unbounded: true })
  since?: string;
}
