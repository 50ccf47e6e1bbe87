import { ApiProperty } from '@nestjs/swagger';
import { FLAT_METADATA } from '../../../common/http/openapi/flat-metadata';
import {
  EVENT_TYPES,
  SUMMARY_GROUP_BY,
  type AnalyticsEvent,
  type EventMetadata,
  type EventSummary,
  type EventType,
  type SummaryGroupBy,
} from '../analytics-events.types';

const nullableString = { type: String, nullable: true } as const;
const ctaOnly = { ...nullableString, description: 'Set on cta_click events only.' } as const;

/** A stored event (append-only); absent optional fields are null. */
export class AnalyticsEventDto implements AnalyticsEvent {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: EVENT_TYPES }) type!: EventType;
  @ApiProperty({ example: 'web' }) surface!: string;
  @ApiProperty(nullableString) page_type!: string | null;
  @ApiProperty() url!: string;
  @ApiProperty(nullableString) referrer!: string | null;
  @ApiProperty(nullableString) utm_source!: string | null;
  @ApiProperty(nullableString) utm_medium!: string | null;
  @ApiProperty(nullableString) utm_campaign!: string | null;
  @ApiProperty(nullableString) utm_term!: string | null;
  @ApiProperty(nullableString) utm_content!: string | null;
  @ApiProperty(nullableString) seo_slug!: string | null;
  @ApiProperty(ctaOnly) cta_id!: string | null;
  @ApiProperty(ctaOnly) label!: string | null;
  @ApiProperty(FLAT_METADATA) metadata!: EventMetadata;
  @ApiProperty({ format: 'date-time', description: 'When the server received it.' })
  created_at!: string;
  @ApiProperty() created_by!: string;
}

/** Count of one group of an event summary. */
export class EventGroupCountDto {
  @ApiProperty({ ...nullableString, description: 'null groups events without the key.' })
  key!: string | null;
  @ApiProperty() count!: number;
}

/** Answer of `GET /analytics/events/summary`. */
export class EventSummaryDto implements EventSummary {
  @ApiProperty({ enum: SUMMARY_GROUP_BY }) group_by!: SummaryGroupBy;
  @ApiProperty({ ...nullableString, format: 'date-time', description: 'Inclusive; UTC.' })
  since!: string | null;
  @ApiProperty({ ...nullableString, format: 'date-time', description: 'Exclusive; UTC.' })
  until!: string | null;
  @ApiProperty() events!: number;
  @ApiProperty({
    type: [EventGroupCountDto],
    description: 'Sorted by key, the null key last.',
  })
  groups!: EventGroupCountDto[];
}
