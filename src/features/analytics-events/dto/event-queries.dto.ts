import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ListQueryDto } from '../../../common/http/pagination';
import { IsTimestamp } from '../../../common/validation/timestamp.validators';
import {
  ANALYTICS_KEY_FORMAT,
  analyticsKeyMessage,
  EVENT_RANGE_TIME,
  EVENT_TYPES,
  SUMMARY_GROUP_BY,
  type EventType,
  type SummaryGroupBy,
} from '../analytics-events.types';

/** `since` (inclusive) and `until` (exclusive), ISO-8601 with a zone. */
export class EventRangeQueryDto {
  @ApiPropertyOptional({ example: '2024-05-01T00:00:00Z' })
  @IsOptional()
  @IsTimestamp(EVENT_RANGE_TIME)
  since?: string;

  @ApiPropertyOptional({ example: '2024-06-01T00:00:00Z' })
  @IsOptional()
  @IsTimestamp(EVENT_RANGE_TIME)
  until?: string;
}

/** Query of `GET /analytics/events`: newest first. */
export class EventListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @IsOptional()
  @IsIn(EVENT_TYPES)
  type?: EventType;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ANALYTICS_KEY_FORMAT, { message: analyticsKeyMessage('surface') })
  surface?: string;

  @ApiPropertyOptional({ example: '2024-05-01T00:00:00Z', description: 'Inclusive.' })
  @IsOptional()
  @IsTimestamp(EVENT_RANGE_TIME)
  since?: string;

  @ApiPropertyOptional({ example: '2024-06-01T00:00:00Z', description: 'Exclusive.' })
  @IsOptional()
  @IsTimestamp(EVENT_RANGE_TIME)
  until?: string;
}

/** Query of `GET /analytics/events/summary`: counts per group (default by type). */
export class EventSummaryQueryDto extends EventRangeQueryDto {
  @ApiPropertyOptional({ enum: SUMMARY_GROUP_BY, default: 'type' })
  @IsOptional()
  @IsIn(SUMMARY_GROUP_BY)
  group_by?: SummaryGroupBy;
}
