import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { IsFlatMetadata } from '../../../common/validation/metadata.validator';
import { EmptyAsAbsent } from '../../../common/validation/query.transforms';
import {
  ANALYTICS_KEY_FORMAT,
  analyticsKeyMessage,
  type EventMetadata,
} from '../analytics-events.types';

const MAX_URL = 2048;
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
/** Printable text: no control characters. */
const TEXT = /^[^\p{Cc}]+$/u;
const SLUG = /^[a-z0-9]+(?:[-/][a-z0-9]+)*$/;
const CTA_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

const urlMessage = (field: string): string =>
  `${field} must be an absolute http(s) URL of at most ${MAX_URL} characters`;
const textMessage = (field: string, max: number): string =>
  `${field} must be 1..${max} characters without control characters`;

/** Short optional text such as a UTM value. */
function Text(field: string, max: number): PropertyDecorator {
  const message = textMessage(field, max);
  return applyDecorators(
    IsOptional(),
    IsString({ message }),
    MaxLength(max, { message }),
    Matches(TEXT, { message }),
  );
}

/** Body of `POST /analytics/events/pageview` (member). Absent optional fields are stored as null. */
export class PageviewEventDto {
  @ApiProperty({ example: 'web' })
  @Matches(ANALYTICS_KEY_FORMAT, { message: analyticsKeyMessage('surface') })
  surface!: string;

  @ApiPropertyOptional({ example: 'product' })
  @IsOptional()
  @Matches(ANALYTICS_KEY_FORMAT, { message: analyticsKeyMessage('page_type') })
  page_type?: string;

  @ApiProperty({ example: 'https://shop.example.com/p/42' })
  @MaxLength(MAX_URL, { message: urlMessage('url') })
  @IsUrl(URL_OPTIONS, { message: urlMessage('url') })
  url!: string;

  @ApiPropertyOptional({ description: 'An empty string (no referrer) is stored as null.' })
  @EmptyAsAbsent()
  @IsOptional()
  @MaxLength(MAX_URL, { message: urlMessage('referrer') })
  @IsUrl(URL_OPTIONS, { message: urlMessage('referrer') })
  referrer?: string;

  @ApiPropertyOptional({ maxLength: 200 }) @Text('utm_source', 200) utm_source?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @Text('utm_medium', 200) utm_medium?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @Text('utm_campaign', 200) utm_campaign?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @Text('utm_term', 200) utm_term?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @Text('utm_content', 200) utm_content?: string;

  @ApiPropertyOptional({ example: 'running-shoes/trail' })
  @IsOptional()
  @MaxLength(200, { message: 'seo_slug must be at most 200 characters' })
  @Matches(SLUG, {
    message: 'seo_slug must be lower-case words of letters and digits joined by "-" or "/"',
  })
  seo_slug?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsFlatMetadata()
  metadata?: EventMetadata;
}

/** Body of `POST /analytics/events/cta-click` (member): a pageview's fields plus the CTA. */
export class CtaClickEventDto extends PageviewEventDto {
  @ApiProperty({ example: 'hero-signup' })
  @Matches(CTA_ID, { message: `cta_id must match ${CTA_ID.source}` })
  cta_id!: string;

  @ApiPropertyOptional({ maxLength: 200 }) @Text('label', 200) label?: string;
}
